/**
 * Cuts a text stream of any size into blocks of about a megabyte for the scanner, so a multi-GB
 * file is never held in memory whole, without losing findings at the cuts:
 *
 * - blocks end at line boundaries, so a value on one line is never split;
 * - an unfinished PEM block (`-----BEGIN …` with no `-----END` yet) is carried into the next
 *   block whole, because `PRIVATE_KEY` findings span many lines;
 * - each block starts with the last few lines of the previous one as context (detectors such as
 *   `AWS_SECRET_KEY` look at a nearby keyword), and findings starting inside that overlap are
 *   skipped because the previous block already reported them.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) from the start of the input; lines
 * and columns are 1-based, columns counted in the same units.
 */
import { StringDecoder } from 'node:string_decoder';

export interface TextBlock {
  /** The text to scan: `overlap` characters of context, then the new text. */
  text: string;
  /** Leading characters of `text` that the previous block already covered. */
  overlap: number;
  /** Offset of `text[0]` in the whole input. */
  offset: number;
  /** Line of `text[0]`, from 1. */
  line: number;
  /** Column of `text[0]`, from 1 (not 1 only after a forced cut inside a very long line). */
  column: number;
  /** Bytes of input consumed to produce this block's new text (for progress). */
  bytes: number;
  /** Line breaks in the new text (for progress). */
  newlines: number;
}

export interface LineBlockOptions {
  /** Target size of a block's new text, in characters. @default 1048576 */
  blockChars?: number;
  /**
   * Past this many buffered characters a block is cut even inside a line or an unfinished PEM
   * block (a "key" that long is not one). @default 4 × blockChars
   */
  maxBlockChars?: number;
  /** Most characters of context repeated from the previous block. @default 1024 */
  overlapChars?: number;
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';

/** Reads `bytes` (a stream of Buffers, UTF-8) and yields the blocks in order. */
export async function* readLineBlocks(bytes: AsyncIterable<Buffer | string>, options: LineBlockOptions = {}): AsyncGenerator<TextBlock> {
  const blockChars = options.blockChars ?? 1024 * 1024;
  const maxBlockChars = options.maxBlockChars ?? 4 * blockChars;
  const overlapChars = options.overlapChars ?? 1024;
  const decoder = new StringDecoder('utf8');

  let pending = '';
  let pendingBytes = 0;
  // Position of pending[0] in the input.
  let offset = 0;
  let line = 1;
  let column = 1;
  // Context repeated at the start of the next block, and where it sits in the input.
  let context = '';
  let contextLine = 1;
  let contextColumn = 1;

  const makeBlock = (cut: number, bytes: number): TextBlock => {
    const fresh = pending.slice(0, cut);
    pending = pending.slice(cut);
    const newlines = countNewlines(fresh, 0, fresh.length);
    const block: TextBlock = {
      text: context + fresh,
      overlap: context.length,
      offset: offset - context.length,
      line: context.length > 0 ? contextLine : line,
      column: context.length > 0 ? contextColumn : column,
      bytes,
      newlines,
    };
    const tailStart = contextStart(fresh, overlapChars);
    context = fresh.slice(tailStart);
    if (tailStart === 0) {
      contextLine = line;
      contextColumn = column;
    } else {
      contextLine = line + countNewlines(fresh, 0, tailStart);
      contextColumn = 1;
    }
    // Advance the position of pending[0] past the new text.
    offset += fresh.length;
    if (newlines > 0) {
      line += newlines;
      column = fresh.length - fresh.lastIndexOf('\n');
    } else {
      column += fresh.length;
    }
    return block;
  };

  for await (const chunk of bytes) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    pending += text;
    pendingBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    while (pending.length >= blockChars) {
      const cut = chooseCut(pending, blockChars, maxBlockChars);
      if (cut < 0) break;
      // Attribute the bytes proportionally: exact per block is not needed, only the total.
      const share = Math.round((pendingBytes * cut) / pending.length);
      pendingBytes -= share;
      yield makeBlock(cut, share);
    }
  }
  pending += decoder.end();
  if (pending.length > 0) yield makeBlock(pending.length, pendingBytes);
}

/**
 * Where to end the next block: after a line break at or before `target`, moved back to the start
 * of an unfinished PEM block; -1 to wait for more input.
 */
export function chooseCut(pending: string, target: number, max: number): number {
  let cut = pending.lastIndexOf('\n', target - 1) + 1;
  if (cut === 0) {
    // The first line is longer than a block: take it whole if it ends in time, else force a cut.
    const nl = pending.indexOf('\n', target);
    if (nl >= 0 && nl < max) cut = nl + 1;
    else if (pending.length >= max) return safeCut(pending, target);
    else return -1;
  }
  const pem = unfinishedPemLineStart(pending, cut);
  if (pem > 0) return pem;
  if (pem === 0) {
    // The block would start inside the key: extend it to the key's END line once that arrives.
    const end = pending.indexOf(PEM_END, cut);
    const nl = end >= 0 ? pending.indexOf('\n', end) : -1;
    if (nl >= 0) return nl + 1;
    return pending.length >= max ? cut : -1;
  }
  return cut;
}

/** Start of the line holding the last `-----BEGIN` in `text[0, end)` that has no `-----END` after it there; -1 if none. */
function unfinishedPemLineStart(text: string, end: number): number {
  const begin = text.lastIndexOf(PEM_BEGIN, end - PEM_BEGIN.length);
  if (begin < 0) return -1;
  const close = text.indexOf(PEM_END, begin);
  if (close >= 0 && close < end) return -1;
  return text.lastIndexOf('\n', begin) + 1;
}

/** `target`, moved back one if it would split a surrogate pair. */
function safeCut(text: string, target: number): number {
  const code = text.charCodeAt(target - 1);
  return code >= 0xd800 && code <= 0xdbff ? target - 1 : target;
}

/** Where the context for the next block starts: the first line start within the last `max` characters. */
function contextStart(text: string, max: number): number {
  if (max <= 0) return text.length;
  if (text.length <= max) return 0;
  const nl = text.indexOf('\n', text.length - max - 1);
  return nl < 0 ? text.length : nl + 1;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Translates offsets in a block's text to lines and columns. Built only for blocks that have
 * findings, which most blocks do not.
 */
export class BlockPositions {
  private readonly newlines: number[] = [];

  constructor(private readonly block: TextBlock) {
    const { text } = block;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i);
  }

  /** Line and column (both from 1) of `index` in the block's text. */
  at(index: number): { line: number; column: number } {
    // Number of line breaks before `index`.
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.newlines[mid] as number) < index) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return { line: this.block.line, column: this.block.column + index };
    return { line: this.block.line + lo, column: index - (this.newlines[lo - 1] as number) };
  }
}
