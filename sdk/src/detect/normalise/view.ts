/**
 * A normalised view of part of a text, and the map from its indices back to the text's. Detectors
 * run on the view; each span they report is mapped back so that it covers every character of the
 * original that encodes the value: `%40` for an `@`, a zero-width space between two digits, the
 * base64 quartets of a decoded value.
 */
import type { DecodedText } from './base64';
import { foldedUnit } from './characters';
import { fromCodeUnits } from './code-units';

/** `Pieces.stretch` of a piece taken from the original text. */
const ORIGINAL = -1;
/** `Pieces.stride` of a piece whose characters all stand for the whole of `[from, to)`. */
const WHOLE = 0;

/** Room for pieces in a new view: most views hold a few, and a flood of alternating forms grows the arrays by doubling. */
const INITIAL_CAPACITY = 256;

function grow<T extends Int32Array | Uint16Array>(array: T, make: (size: number) => T): T {
  const grown = make(array.length * 2);
  grown.set(array);
  return grown;
}

/**
 * The map as consecutive pieces of the view, in parallel typed arrays. A piece of the original
 * text stands for `[from, to)` of it: with a stride, its character `i` for the `stride`
 * characters from `from + i × stride` (1 for text copied as it is or folded one for one, 3 for a
 * run of `%41`s, 5 for `&#64;`s), so a flood of one form is one piece; else (`WHOLE`) every
 * character for all of it (`...` for `…`). A piece of a decoded base64 stretch holds its code
 * units from `from` on, each standing for the quartets that encode it.
 */
class Pieces {
  viewStart: Int32Array = new Int32Array(INITIAL_CAPACITY);
  stretch: Int32Array = new Int32Array(INITIAL_CAPACITY);
  stride: Int32Array = new Int32Array(INITIAL_CAPACITY);
  from: Int32Array = new Int32Array(INITIAL_CAPACITY);
  to: Int32Array = new Int32Array(INITIAL_CAPACITY);
  count = 0;

  push(viewStart: number, stretch: number, stride: number, from: number, to: number): void {
    if (this.count === this.viewStart.length) {
      const int32 = (size: number): Int32Array => new Int32Array(size);
      this.viewStart = grow(this.viewStart, int32);
      this.stretch = grow(this.stretch, int32);
      this.stride = grow(this.stride, int32);
      this.from = grow(this.from, int32);
      this.to = grow(this.to, int32);
    }
    const k = this.count++;
    this.viewStart[k] = viewStart;
    this.stretch[k] = stretch;
    this.stride[k] = stride;
    this.from[k] = from;
    this.to[k] = to;
  }

  /** The piece holding view index `i`: the last one starting at or before it. */
  at(i: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.viewStart[middle]! <= i) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

export class NormalisedView {
  constructor(
    readonly text: string,
    private readonly pieces: Pieces,
    private readonly stretches: readonly DecodedText[],
    /** View indices where the view was cut short of the text it stands for. */
    private readonly cuts: readonly number[],
    /** `[start, end)` pairs of view indices holding decoded base64, in order. */
    private readonly decoded: readonly number[],
  ) {}

  /** Where, in the original text, the characters standing for view index `start` begin. */
  originalStart(start: number): number {
    const pieces = this.pieces;
    const k = pieces.at(start);
    const offset = start - pieces.viewStart[k]!;
    const stretch = pieces.stretch[k]!;
    if (stretch !== ORIGINAL) return this.stretches[stretch]!.originalStart(pieces.from[k]! + offset);
    const stride = pieces.stride[k]!;
    return stride === WHOLE ? pieces.from[k]! : pieces.from[k]! + offset * stride;
  }

  /** Where, in the original text, the characters standing for view index `end - 1` end. */
  originalEnd(end: number): number {
    const pieces = this.pieces;
    const k = pieces.at(end - 1);
    const offset = end - pieces.viewStart[k]!;
    const stretch = pieces.stretch[k]!;
    if (stretch !== ORIGINAL) return this.stretches[stretch]!.originalEnd(pieces.from[k]! + offset);
    const stride = pieces.stride[k]!;
    return stride === WHOLE ? pieces.to[k]! : pieces.from[k]! + offset * stride;
  }

  /** True when `[start, end)` starts or ends where the view was cut: the value may go on past it. */
  touchesCut(start: number, end: number): boolean {
    return this.cuts.includes(start) || this.cuts.includes(end);
  }

  /** True when `[start, end)` holds decoded base64. */
  holdsDecoded(start: number, end: number): boolean {
    // The first decoded range ending after `start`, by binary search: a view may hold thousands.
    const ranges = this.decoded;
    let low = 0;
    let high = ranges.length / 2;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranges[2 * middle + 1]! <= start) low = middle + 1;
      else high = middle;
    }
    return low < ranges.length / 2 && ranges[2 * low]! < end;
  }
}

/** Builds a view, in order of the original text: its characters, and the pieces mapping them back. */
export class ViewBuilder {
  private chars: Uint16Array;
  private length = 0;
  private readonly pieces = new Pieces();
  private readonly stretches: DecodedText[] = [];
  private readonly cuts: number[] = [];
  private readonly decoded: number[] = [];

  /** `expected`: about how long the view will be (the original's length); the buffer grows past it if folds lengthen the text. */
  constructor(expected: number) {
    this.chars = new Uint16Array(expected + 16);
  }

  private reserve(count: number): void {
    while (this.length + count > this.chars.length) this.chars = grow(this.chars, (size) => new Uint16Array(size));
  }

  /** `original[start, end)` as it is, but for the folds of one code unit to one (see {@link foldedUnit}). */
  copy(original: string, start: number, end: number): void {
    if (end <= start) return;
    this.addPiece(ORIGINAL, 1, start, end);
    this.reserve(end - start);
    const chars = this.chars;
    let at = this.length;
    for (let i = start; i < end; i++) chars[at++] = foldedUnit(original.charCodeAt(i));
    this.length = at;
  }

  /** The code unit `code` in place of `original[start, end)`. */
  put(code: number, start: number, end: number): void {
    this.addPiece(ORIGINAL, end - start, start, end);
    this.reserve(1);
    this.chars[this.length++] = code;
  }

  /** `replacement` in place of `original[start, end)`. */
  replace(replacement: string, start: number, end: number): void {
    if (replacement.length === 1) return this.put(replacement.charCodeAt(0), start, end);
    this.addPiece(ORIGINAL, WHOLE, start, end);
    this.reserve(replacement.length);
    for (let i = 0; i < replacement.length; i++) this.chars[this.length++] = replacement.charCodeAt(i);
  }

  /**
   * Removes `original[start, end)` (invisible characters). The view character before them, when
   * it is the original's character just before, stands for them too: so `4`, zero-width space,
   * `4`, … is one piece of stride 2 rather than a piece per digit, and a value ending before them
   * is redacted with them, which hides nothing.
   */
  strip(start: number, end: number): void {
    const pieces = this.pieces;
    const last = pieces.count - 1;
    if (last < 0 || pieces.stretch[last] !== ORIGINAL || pieces.stride[last] === WHOLE || pieces.to[last] !== start) return;
    const stride = pieces.stride[last]!;
    if (this.length - pieces.viewStart[last]! > 1) {
      // Only the last character takes them: it becomes a piece of its own.
      pieces.to[last] = start - stride;
      pieces.push(this.length - 1, ORIGINAL, stride + end - start, start - stride, end);
      return;
    }
    pieces.to[last] = end;
    pieces.stride[last] = end - pieces.from[last]!;
    const before = last - 1;
    if (before >= 0 && pieces.stretch[before] === ORIGINAL && pieces.stride[before] === pieces.stride[last] && pieces.to[before] === pieces.from[last]) {
      pieces.to[before] = end;
      pieces.count--;
    }
  }

  /** `stretch.text[start, end)` as it is (but for one-unit folds), marked as decoded base64. */
  copyDecoded(stretch: DecodedText, start: number, end: number): void {
    if (end <= start) return;
    if (this.stretches[this.stretches.length - 1] !== stretch) this.stretches.push(stretch);
    const n = this.decoded.length;
    if (n > 0 && this.decoded[n - 1] === this.length) this.decoded[n - 1] = this.length + end - start;
    else this.decoded.push(this.length, this.length + end - start);
    this.pieces.push(this.length, this.stretches.length - 1, 1, start, end);
    this.reserve(end - start);
    for (let i = start; i < end; i++) this.chars[this.length++] = foldedUnit(stretch.text.charCodeAt(i));
  }

  /**
   * A piece of the original for the characters about to be written. One that goes on from the
   * last piece with its stride (a copy after a copy or a one-for-one fold, `%41` after `%41`)
   * extends it, so a view costs a piece per change of form, not per character.
   */
  private addPiece(stretch: number, stride: number, from: number, to: number): void {
    const pieces = this.pieces;
    const last = pieces.count - 1;
    if (stride !== WHOLE && last >= 0 && pieces.stretch[last] === ORIGINAL && pieces.stride[last] === stride && pieces.to[last] === from) pieces.to[last] = to;
    else pieces.push(this.length, stretch, stride, from, to);
  }

  /** Marks the current end of the view as a cut (see {@link NormalisedView.touchesCut}). */
  cut(): void {
    this.cuts.push(this.length);
  }

  build(): NormalisedView {
    return new NormalisedView(fromCodeUnits(this.chars, this.length), this.pieces, this.stretches, this.cuts, this.decoded);
  }
}
