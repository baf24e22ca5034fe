/**
 * Normalisation before detection: the parts of a text where a value may hide behind an encoding
 * (zero-width or format characters, compatibility forms such as fullwidth digits, percent-encoding,
 * HTML character references, base64 that decodes to text) are rewritten into normalised views,
 * which the detectors scan like any text; the scanner maps what they find back onto the original
 * (see view.ts). Texts with nothing to normalise — most prompts — cost a few cheap passes and
 * yield no view. See docs/detectors.md, "Normalisation".
 */
import { decodeRun, findRuns, MAX_DECODED_BYTES, type DecodedText } from './base64';
import { charAction, foldOf, FOLD, KEEP, STRIP, type CharAction } from './characters';
import { Escape, readEntity, readPercent } from './escapes';
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

/** `[start, end)` intervals, each widened by {@link CONTEXT}, merged as they come (in order). */
class Intervals {
  readonly bounds: number[] = [];

  constructor(private readonly length: number) {}

  add(start: number, end: number): void {
    const from = Math.max(0, start - CONTEXT);
    const to = Math.min(this.length, end + CONTEXT);
    const n = this.bounds.length;
    if (n > 0 && from <= this.bounds[n - 1]!) this.bounds[n - 1] = Math.max(this.bounds[n - 1]!, to);
    else this.bounds.push(from, to);
  }
}

const NON_ASCII = /[^\x00-\x7f]/g;

/** Characters to remove or fold. One native regex finds the first; text dense with them (another script, a flood) is read on by hand. */
function findCharacters(text: string, found: Intervals): void {
  NON_ASCII.lastIndex = 0;
  while (NON_ASCII.test(text)) {
    let i = NON_ASCII.lastIndex - 1;
    for (let ascii = 0; i < text.length && ascii < ASCII_RESUME; ) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        ascii++;
        i++;
        continue;
      }
      ascii = 0;
      const codePoint = text.codePointAt(i)!;
      const width = codePoint > 0xffff ? 2 : 1;
      if (charAction(codePoint) !== KEEP) found.add(i, i + width);
      i += width;
    }
    NON_ASCII.lastIndex = i;
  }
}

/** Escapes introduced by `char` (`%`, `&`) that `read` decodes. */
function findEscapes(text: string, char: string, read: typeof readPercent, found: Intervals): void {
  const escape = new Escape();
  for (let i = text.indexOf(char); i >= 0; ) {
    const next = read(text, i, text.length, escape) ? escape.end : i + 1;
    if (next > i + 1) found.add(i, next);
    i = text.indexOf(char, next);
  }
}

function normalisedForm(codePoint: number, action: CharAction): string {
  return action === STRIP ? '' : action === FOLD ? foldOf(codePoint) : String.fromCodePoint(codePoint);
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
    if ((code === 37 && readPercent(source, i, to, escape)) || (code === 38 && readEntity(source, i, to, escape))) {
      codePoint = escape.codePoint;
      end = escape.end;
    } else if (code >= 0x80) {
      const low = code >= 0xd800 && code <= 0xdbff && end < to ? source.charCodeAt(end) : 0;
      codePoint = low >= 0xdc00 && low <= 0xdfff ? 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00) : code;
      if (codePoint > 0xffff) end++;
      if (charAction(codePoint) === KEEP) codePoint = -1;
    }
    if (codePoint >= 0) {
      const replacement = normalisedForm(codePoint, charAction(codePoint));
      if (stretch === null) {
        builder.copy(source, copied, i);
        builder.replace(replacement, i, end);
      } else {
        builder.copyDecoded(stretch, copied, i);
        builder.replace(replacement, stretch.originalStart(i), stretch.originalEnd(end));
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
  const budget = { bytes: MAX_DECODED_BYTES };
  for (const run of findRuns(text)) if (!decodeRun(text, run, budget, decoded)) break;
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
