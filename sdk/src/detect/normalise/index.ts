/**
 * Normalisation before detection: the parts of a text where a value may hide behind an encoding
 * (zero-width or format characters, compatibility forms such as fullwidth digits, percent-encoding,
 * HTML character references, base64 that decodes to text) are rewritten into normalised views,
 * which the detectors scan like any text; the scanner maps what they find back onto the original
 * (see view.ts). Texts with nothing to normalise — most prompts — cost a few cheap passes and
 * yield no view. See docs/detectors.md, "Normalisation".
 */
import { DecodeState, decodeRun, findRuns, type DecodedText, type RunLayout } from './base64';
import { ASCII_CHUNK, charAction, foldedUnit, foldOf, FOLD, isAsciiChunk, KEEP, STRIP, type CharAction } from './characters';
import { Escape, readEntity, readPercent } from './escapes';
import { nextIndexOf } from '../text';
import { ViewBuilder, type NormalisedView } from './view';

export type { NormalisedView } from './view';

/**
 * Characters of the original kept on each side of what normalisation changes: more than any
 * detector reads around a value (an assignment's name, a keyword 100 characters before an AWS
 * secret key, a 256-character secret value).
 */
const CONTEXT = 256;
/** How much further a view's edge may move out to reach whitespace, so it does not cut a word. */
const SNAP = 64;
/** Non-ASCII characters read by hand after a regex hit, until this many ASCII ones in a row. */
const ASCII_RESUME = 32;
/** The most original characters one change replaces: a named reference (`&NegativeVeryThinSpace;`). */
const LONGEST_CHANGE = 32;

/**
 * Where a text needs normalising, as `[start, end)` intervals widened by {@link CONTEXT} on each
 * side, merged as they come (in order).
 *
 * Finding one change is enough for the next {@link CONTEXT} characters: a pass marks
 * `[change - CONTEXT, change + 2 × CONTEXT + LONGEST_CHANGE)`, which holds the context of any
 * change it skips, and goes on looking from `change + CONTEXT`. A flood of changes so costs a
 * look per {@link CONTEXT} characters here; the view is what reads each of them.
 */
class Intervals {
  readonly bounds: number[] = [];

  constructor(private readonly length: number) {}

  /** Marks a change at `at`, and returns where to look for the next one. */
  change(at: number): number {
    this.add(at, at + CONTEXT + LONGEST_CHANGE);
    return at + CONTEXT;
  }

  add(start: number, end: number): void {
    const from = Math.max(0, start - CONTEXT);
    const to = Math.min(this.length, end + CONTEXT);
    const n = this.bounds.length;
    if (n > 0 && from <= this.bounds[n - 1]!) this.bounds[n - 1] = Math.max(this.bounds[n - 1]!, to);
    else this.bounds.push(from, to);
  }
}

const NON_ASCII = /[^\x00-\x7f]/g;

/**
 * Characters to remove or fold. Chunks of ASCII are passed over by the native encoder; in the
 * others one native regex finds the next non-ASCII character, and text dense with them (another
 * script) is read on by hand. Once a character past U+00FF is seen the text is stored two bytes
 * a character, which the encoder reads slower than the regex: the regex alone goes on.
 */
function findCharacters(text: string, found: Intervals): void {
  let wide = false;
  for (let i = 0; i < text.length; ) {
    const chunkEnd = Math.min(text.length, i + ASCII_CHUNK);
    if (!wide && isAsciiChunk(text, i, chunkEnd)) {
      i = chunkEnd;
      continue;
    }
    NON_ASCII.lastIndex = i;
    if (!NON_ASCII.test(text)) return;
    i = NON_ASCII.lastIndex - 1;
    for (let ascii = 0; i < text.length && ascii < ASCII_RESUME; ) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        ascii++;
        i++;
        continue;
      }
      ascii = 0;
      if (code > 0xff) wide = true;
      const codePoint = text.codePointAt(i)!;
      i = charAction(codePoint) !== KEEP ? found.change(i) : i + (codePoint > 0xffff ? 2 : 1);
    }
  }
}

/** Escapes introduced by `char` (`%`, `&`) that `read` decodes. */
function findEscapes(text: string, char: string, read: typeof readPercent, found: Intervals): void {
  const escape = new Escape();
  for (let i = text.indexOf(char), gap = text.length; i >= 0; ) {
    const next = read(text, i, text.length, escape) ? found.change(i) : i + 1;
    const following = nextIndexOf(text, char, next, gap);
    gap = following - i;
    i = following;
  }
}

/** Writes a removed, folded or kept (decoded) character in place of `[start, end)` of the original. */
function putNormalised(builder: ViewBuilder, codePoint: number, action: CharAction, start: number, end: number): void {
  if (action === STRIP) builder.strip(start, end);
  else if (action === FOLD) builder.replace(foldOf(codePoint), start, end);
  else if (codePoint > 0xffff) builder.replace(String.fromCodePoint(codePoint), start, end);
  else builder.put(codePoint, start, end);
}

/**
 * Writes `source[from, to)` normalised into `builder`: escapes decoded (once: `%2540` gives
 * `%40`), then each character removed, folded or kept. `source` is the original text, or a
 * decoded base64 stretch's text when `stretch` is given. Linear: each character is read once.
 */
function walk(source: string, from: number, to: number, builder: ViewBuilder, stretch: DecodedText | null, escape: Escape): void {
  let copied = from;
  for (let i = from; i < to; ) {
    const code = source.charCodeAt(i);
    if (code < 0x80 && code !== 37 && code !== 38) {
      i++;
      continue;
    }
    let codePoint = -1;
    let end = i + 1;
    let action: CharAction = KEEP;
    if ((code === 37 && readPercent(source, i, to, escape)) || (code === 38 && readEntity(source, i, to, escape))) {
      codePoint = escape.codePoint;
      end = escape.end;
      action = charAction(codePoint);
    } else if (code >= 0x80) {
      const low = code >= 0xd800 && code <= 0xdbff && end < to ? source.charCodeAt(end) : 0;
      const full = low >= 0xdc00 && low <= 0xdfff ? 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00) : code;
      if (full > 0xffff) end++;
      action = charAction(full);
      // A fold of one code unit to one is left to the copy, which makes it as it goes.
      if (action !== KEEP && foldedUnit(full) === full) codePoint = full;
    }
    if (codePoint >= 0) {
      if (stretch === null) {
        builder.copy(source, copied, i);
        putNormalised(builder, codePoint, action, i, end);
      } else {
        builder.copyDecoded(stretch, copied, i);
        putNormalised(builder, codePoint, action, stretch.originalStart(i), stretch.originalEnd(end));
      }
      copied = end;
    }
    i = end;
  }
  if (stretch === null) builder.copy(source, copied, to);
  else builder.copyDecoded(stretch, copied, to);
}

function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** A region's edge moved out to whitespace (or the text's end) within {@link SNAP}; `hard` when there was none. */
function snap(text: string, index: number, step: -1 | 1): { index: number; hard: boolean } {
  for (let i = index, moved = 0; moved <= SNAP; i += step, moved++) {
    if (i <= 0 || i >= text.length) return { index: Math.max(0, Math.min(i, text.length)), hard: false };
    if (isWhitespace(text.charCodeAt(step < 0 ? i - 1 : i))) return { index: i, hard: false };
  }
  return { index, hard: true };
}

function buildView(text: string, start: number, end: number, decoded: readonly DecodedText[]): NormalisedView {
  const escape = new Escape();
  const from = snap(text, start, -1);
  const to = snap(text, end, 1);
  const builder = new ViewBuilder(to.index - from.index);
  if (from.hard) builder.cut();
  let i = from.index;
  for (const stretch of decoded) {
    walk(text, i, stretch.originalStart(0), builder, null, escape);
    walk(stretch.text, 0, stretch.text.length, builder, stretch, escape);
    if (stretch.truncated) builder.cut();
    i = stretch.originalEnd(stretch.text.length);
  }
  walk(text, i, to.index, builder, null, escape);
  if (to.hard) builder.cut();
  return builder.build();
}

/**
 * A JSON Web Token's header or payload (`eyJ…` is base64 of `{"`, and a `.` follows): the JWT
 * detector reports the token whole, so decoding what it covers would only cost time.
 */
function isJwtSegment(text: string, run: RunLayout): boolean {
  return text.startsWith('eyJ', run.dataStart) && text.charCodeAt(run.end) === 46;
}

const NO_VIEWS: readonly NormalisedView[] = [];

/** Normalised views of the parts of `text` that need one; none for most texts. */
export function normalisedViews(text: string): readonly NormalisedView[] {
  const characters = new Intervals(text.length);
  findCharacters(text, characters);
  const percent = new Intervals(text.length);
  findEscapes(text, '%', readPercent, percent);
  const entities = new Intervals(text.length);
  findEscapes(text, '&', readEntity, entities);
  const decoded: DecodedText[] = [];
  const runs = findRuns(text);
  if (runs.length > 0) {
    const state = new DecodeState();
    for (const run of runs) if (!isJwtSegment(text, run) && !decodeRun(text, run, state, decoded)) break;
  }
  const base64 = new Intervals(text.length);
  for (const stretch of decoded) base64.add(stretch.originalStart(0), stretch.originalEnd(stretch.text.length));

  const regions = union([characters, percent, entities, base64]);
  if (regions.length === 0) return NO_VIEWS;
  const views: NormalisedView[] = [];
  let next = 0;
  for (let r = 0; r < regions.length; r += 2) {
    const inRegion: DecodedText[] = [];
    while (next < decoded.length && decoded[next]!.originalStart(0) < regions[r + 1]!) inRegion.push(decoded[next++]!);
    views.push(buildView(text, regions[r]!, regions[r + 1]!, inRegion));
  }
  return views;
}

/**
 * The union of interval lists, as flat `[start, end, …]` in order. Intervals closer than two
 * {@link SNAP}s are joined too, so no two views, their edges moved out, overlap.
 */
function union(lists: readonly Intervals[]): number[] {
  const pairs: [number, number][] = [];
  for (const list of lists) for (let i = 0; i < list.bounds.length; i += 2) pairs.push([list.bounds[i]!, list.bounds[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    const n = out.length;
    if (n > 0 && start <= out[n - 1]! + 2 * SNAP + 1) out[n - 1] = Math.max(out[n - 1]!, end);
    else out.push(start, end);
  }
  return out;
}
