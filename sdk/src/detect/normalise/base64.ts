/**
 * Base64 runs that decode to text: a pasted `Authorization: Basic …`, a `data:text/plain;base64,`
 * URL, a Kubernetes secret's values, a `.env` file run through `base64` (wrapped at 76
 * characters). Runs are found without reading most of the text, decoded within a per-scan budget
 * of bytes, and kept only where they decode to valid UTF-8 text; each decoded character remembers
 * the quartets of base64 it came from, so a finding maps back to exactly the characters that
 * encode it.
 */
import { RunLocator } from '../prefilter/keywords';
import { isBase64Code } from '../text';
import { fromCodeUnits } from './code-units';
import { continuationsAfter, isContinuation, isValidSequence, leadBits } from './utf8';

/** The shortest run decoded: 12 bytes, about the shortest value worth finding (an e-mail address). */
export const MIN_RUN = 16;
/**
 * Runs without padding are found by reading about one character in twenty of the text (see
 * {@link findRuns}), so they must be at least this long, unless a marker announces them (`Basic `,
 * `base64,`); a run ending in `=` padding is found from its `=` at any length from
 * {@link MIN_RUN}. Probing for runs of 32 would cost a scan of typical prompts another ~6%.
 */
export const PROBE_RUN = 64;
/** Bytes of base64 decoded per scan, over all runs: the work normalisation may add to a scan. */
export const MAX_DECODED_BYTES = 64 * 1024;
/** A decoded stretch shorter than this is not kept: 12 random bytes are valid UTF-8 text once in ~10⁵. */
const MIN_DECODED_BYTES = 12;

const SEXTETS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, value) => (SEXTETS[char.charCodeAt(0)] = value));

function isLineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c === 10 ? 1 : c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 0;
}

/**
 * Where the quartets of one run sit in the text: from `dataStart`, four characters each, lines of
 * `quartetsPerLine` quartets `lineStride` characters apart when the run is wrapped (0: one line),
 * up to `end`, past any `=` padding.
 */
export class RunLayout {
  constructor(
    readonly start: number,
    readonly dataStart: number,
    readonly end: number,
    /** Base64 characters in the run, padding excluded. */
    readonly dataLength: number,
    readonly quartetsPerLine: number,
    readonly lineStride: number,
  ) {}

  get quartets(): number {
    return Math.ceil(this.dataLength / 4);
  }

  /** Index in the text of quartet `q`'s first character. */
  offsetOf(q: number): number {
    if (this.quartetsPerLine === 0) return this.dataStart + 4 * q;
    const line = Math.floor(q / this.quartetsPerLine);
    return this.dataStart + line * this.lineStride + (q - line * this.quartetsPerLine) * 4;
  }

  /** Index in the text just past quartet `q` (its padding included; a short last quartet ends with the run). */
  endOf(q: number): number {
    return Math.min(this.offsetOf(q) + 4, this.end);
  }
}

/**
 * The runs of base64 characters in `text` worth decoding, in order. A run is a maximal stretch of
 * `A–Z a–z 0–9 + /`, with up to two `=` of padding, continued over line breaks when its lines
 * are of one length, a multiple of four (as `base64` and PEM wrap them), the last line shorter.
 *
 * Cheap passes find them: runs of {@link PROBE_RUN} characters or more with the prefilter's
 * {@link RunLocator}, which skips like Boyer–Moore; runs from {@link MIN_RUN} characters that end
 * in padding from each `=`, and shorter unpadded runs right after `Basic ` (an HTTP credential)
 * or `base64,` (a data URL), each marker found with `indexOf` from its rarest character.
 */
export function findRuns(text: string): RunLayout[] {
  const probed = probedRuns(text);
  return mergeByStart(mergeByStart(probed, paddedRuns(text, probed)), markedRuns(text));
}

function probedRuns(text: string): RunLayout[] {
  const runs: RunLayout[] = [];
  const locator = new RunLocator(PROBE_RUN);
  for (let start = locator.nextRunFrom(text, 0, text.length); start >= 0; ) {
    const run = layoutFrom(text, start, locator.runEnd);
    runs.push(run);
    start = locator.nextRunFrom(text, run.end, text.length);
  }
  return runs;
}

/** Runs ending in `=` padding that are not among the `probed` ones. */
function paddedRuns(text: string, probed: readonly RunLayout[]): RunLayout[] {
  const runs: RunLayout[] = [];
  let next = 0;
  let coveredUntil = 0;
  for (let at = text.indexOf('='); at >= 0; ) {
    // A run of `=` is padding once at most: the rest of it is passed over in one step.
    let after = at + 1;
    while (after < text.length && text.charCodeAt(after) === 61) after++;
    while (next < probed.length && probed[next]!.end <= at) coveredUntil = Math.max(coveredUntil, probed[next++]!.end);
    const inProbed = next < probed.length && probed[next]!.start <= at;
    if (!inProbed && at > coveredUntil && isBase64Code(text.charCodeAt(at - 1))) {
      const padding = after - at > 1 ? 2 : 1;
      let start = at - 1;
      while (start > coveredUntil && isBase64Code(text.charCodeAt(start - 1))) start--;
      coveredUntil = at + padding;
      if (at + padding - start >= MIN_RUN) runs.push(singleLine(start, at, padding));
    }
    // A later run starts after this `=`: its own `=` is at least MIN_RUN - 2 characters on.
    at = text.indexOf('=', after + MIN_RUN - 2);
  }
  return runs;
}

/** Unpadded runs too short to be probed, right after a marker: the other passes find the rest. */
function markedRuns(text: string): RunLayout[] {
  const runs: RunLayout[] = [];
  // Found from `B` and `6`, rare in prose: a search for `basic ` or `base64,` would stop at every `b`.
  for (let at = text.indexOf('Basic '); at >= 0; at = text.indexOf('Basic ', at + 1)) addMarkedRun(text, at + 6, runs);
  for (let at = text.indexOf('64,'); at >= 0; at = text.indexOf('64,', at + 1)) if (text.startsWith('base', at - 4)) addMarkedRun(text, at + 3, runs);
  return runs.sort((a, b) => a.start - b.start);
}

function addMarkedRun(text: string, start: number, runs: RunLayout[]): void {
  let end = start;
  while (end < text.length && isBase64Code(text.charCodeAt(end))) end++;
  if (end - start >= MIN_RUN && end - start < PROBE_RUN && text.charCodeAt(end) !== 61) runs.push(singleLine(start, end, 0));
}

function singleLine(start: number, dataEnd: number, padding: number): RunLayout {
  // Padding fixes where the quartets end, so they are counted back from it: a run that starts
  // inside a path (`/v1/files/amFuZS…==`) is decoded from where its base64 really starts.
  const dataStart = padding > 0 ? start + ((dataEnd - start + padding) % 4) : start;
  return new RunLayout(start, dataStart, dataEnd + padding, dataEnd - dataStart, 0, 0);
}

/** The run starting at `start` whose first line ends at `end`, wrapped lines included. */
function layoutFrom(text: string, start: number, end: number): RunLayout {
  const width = end - start;
  const padding = paddingAt(text, end);
  const breakLength = isLineBreakAt(text, end);
  if (padding > 0 || breakLength === 0 || width % 4 !== 0 || !isBase64Code(text.charCodeAt(end + breakLength))) {
    return singleLine(start, end, padding);
  }
  const stride = width + breakLength;
  let dataLength = width;
  let lineStart = end + breakLength;
  for (;;) {
    let lineEnd = lineStart;
    const limit = Math.min(text.length, lineStart + width);
    while (lineEnd < limit && isBase64Code(text.charCodeAt(lineEnd))) lineEnd++;
    // A full line goes on only if the next one starts right after its own line break.
    if (lineEnd - lineStart === width && isLineBreakAt(text, lineEnd) === breakLength && isBase64Code(text.charCodeAt(lineEnd + breakLength))) {
      dataLength += width;
      lineStart = lineEnd + breakLength;
      continue;
    }
    if (isBase64Code(text.charCodeAt(lineEnd))) {
      // Longer than the lines before: not part of this block.
      return new RunLayout(start, start, lineStart - breakLength, dataLength, width / 4, stride);
    }
    const lastPadding = paddingAt(text, lineEnd);
    return new RunLayout(start, start, lineEnd + lastPadding, dataLength + (lineEnd - lineStart), width / 4, stride);
  }
}

function paddingAt(text: string, i: number): number {
  return text.charCodeAt(i) !== 61 ? 0 : text.charCodeAt(i + 1) === 61 ? 2 : 1;
}

function mergeByStart(a: readonly RunLayout[], b: readonly RunLayout[]): RunLayout[] {
  if (b.length === 0) return a as RunLayout[];
  const out: RunLayout[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.start < b[j]!.start) ? a[i++]! : b[j++]!);
  return out;
}

/** A stretch of a run that decodes to text. */
export class DecodedText {
  constructor(
    readonly run: RunLayout,
    /** Index of the run's quartet where the stretch starts. */
    readonly firstQuartet: number,
    readonly text: string,
    /** For each code unit of `text` (and its end), the byte offset of the character it belongs to, from the first quartet's first byte. */
    private readonly byteOffsets: Int32Array,
    /** True when the budget ran out inside the stretch: it was cut there, not at its end. */
    readonly truncated: boolean,
  ) {}

  /** Index in the text of the first base64 character encoding `text[i]`. */
  originalStart(i: number): number {
    return this.run.offsetOf(this.firstQuartet + Math.floor(this.byteOffsets[i]! / 3));
  }

  /** Index in the text just past the last base64 character encoding `text[i - 1]`. */
  originalEnd(i: number): number {
    return this.run.endOf(this.firstQuartet + Math.ceil(this.byteOffsets[i]! / 3) - 1);
  }
}

/**
 * One scan's decoding state: the bytes left to decode, and the buffers a stretch is decoded into,
 * shared by the scan's runs (most of which fail within a quartet) and grown as a stretch needs.
 * It lives for one scan, so no decoded text outlives it.
 */
export class DecodeState {
  bytes = MAX_DECODED_BYTES;
  units = new Uint16Array(0);
  offsets = new Int32Array(0);

  /** Room for `count` more code units after the first `used`. */
  reserve(used: number, count: number): void {
    if (used + count < this.units.length) return;
    const units = new Uint16Array(Math.max(64, this.units.length * 2));
    units.set(this.units);
    const offsets = new Int32Array(units.length + 1);
    offsets.set(this.offsets);
    this.units = units;
    this.offsets = offsets;
  }
}

/** Characters a decoded text may hold: printable, tab and line breaks; no other control, no noncharacter. */
function isTextual(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 9 || codePoint === 10 || codePoint === 13;
  return !(codePoint >= 0x7f && codePoint <= 0x9f) && (codePoint & 0xfffe) !== 0xfffe;
}

/** Quartets in a row that may fail to start a kept stretch before a run is taken for binary data and left. */
const GIVE_UP_AFTER = 6;

/**
 * Decodes the stretches of `run` that are text into `out`. Bytes are read quartet by quartet
 * through a UTF-8 decoder; where a byte breaks UTF-8 or decodes to a control character, the
 * stretch so far ends and the next may start at the next quartet (so a run that starts inside a
 * path, `/v1/files/amFuZS…`, still decodes from its base64). A run with no text in
 * {@link GIVE_UP_AFTER} quartets in a row is binary (an image, a key) and is left there, so a long
 * one costs a few quartets. Returns false when the budget ran out.
 */
export function decodeRun(text: string, run: RunLayout, state: DecodeState, out: DecodedText[]): boolean {
  let count = 0;
  /** The quartet where the current stretch starts; byte indices count from its first byte. */
  let first = 0;
  /** Bytes of the stretch's complete characters. */
  let complete = 0;
  let pending = 0;
  let codePoint = 0;
  let charStart = 0;
  let barren = 0;

  const quartets = run.quartets;
  for (let q = 0; q < quartets; q++) {
    const at = run.offsetOf(q);
    const available = q * 4 + 4 <= run.dataLength ? 4 : run.dataLength - q * 4;
    let bits = 0;
    for (let k = 0; k < 4; k++) bits = (bits << 6) | (k < available ? SEXTETS[text.charCodeAt(at + k)]! : 0);
    let failed = false;
    // A quartet's three bytes add at most four code units: one ending a four-byte character (a surrogate pair), two more.
    state.reserve(count, 4);
    const { units, offsets } = state;
    // Two characters carry one byte, three two, four three.
    for (let k = 0; k < available - 1; k++) {
      const byte = (bits >> (16 - 8 * k)) & 0xff;
      const index = (q - first) * 3 + k;
      if (pending === 0) {
        const continuations = continuationsAfter(byte);
        if (continuations < 0) {
          failed = true;
          break;
        }
        pending = continuations;
        codePoint = leadBits(byte, continuations);
        charStart = index;
      } else if (isContinuation(byte)) {
        codePoint = (codePoint << 6) | (byte & 0x3f);
        pending--;
      } else {
        failed = true;
        break;
      }
      if (pending > 0) continue;
      if (!isValidSequence(codePoint, index - charStart) || !isTextual(codePoint)) {
        failed = true;
        break;
      }
      if (codePoint > 0xffff) {
        units[count] = 0xd800 + ((codePoint - 0x10000) >> 10);
        offsets[count++] = charStart;
        units[count] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
      } else {
        units[count] = codePoint;
      }
      offsets[count++] = charStart;
      complete = index + 1;
    }
    if (complete >= state.bytes) {
      keep(run, first, state, count, complete, true, out);
      return false;
    }
    if (!failed) continue;
    if (keep(run, first, state, count, complete, false, out)) barren = 0;
    else if (++barren >= GIVE_UP_AFTER) return true;
    count = 0;
    complete = 0;
    pending = 0;
    first = q + 1;
  }
  keep(run, first, state, count, complete, false, out);
  return true;
}

/** Adds the stretch decoded so far to `out` when it is long enough to be worth scanning; true if added. */
function keep(run: RunLayout, first: number, state: DecodeState, count: number, complete: number, truncated: boolean, out: DecodedText[]): boolean {
  if (complete < MIN_DECODED_BYTES) return false;
  const byteOffsets = state.offsets.slice(0, count + 1);
  byteOffsets[count] = complete;
  out.push(new DecodedText(run, first, fromCodeUnits(state.units, count), byteOffsets, truncated));
  state.bytes -= complete;
  return true;
}
