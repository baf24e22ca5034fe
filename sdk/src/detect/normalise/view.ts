/**
 * A normalised view of part of a text, and the map from its indices back to the text's. Detectors
 * run on the view; each span they report is mapped back so that it covers every character of the
 * original that encodes the value: `%40` for an `@`, a zero-width space between two digits, the
 * base64 quartets of a decoded value.
 */
import type { DecodedText } from './base64';
import { fromCodeUnits } from './code-units';

export class NormalisedView {
  constructor(
    readonly text: string,
    /** For each view character, where the original characters it stands for begin… */
    private readonly starts: Int32Array,
    /** …and end. */
    private readonly ends: Int32Array,
    /** View indices where the view was cut short of the text it stands for. */
    private readonly cuts: readonly number[],
    /** `[start, end)` pairs of view indices holding decoded base64, in order. */
    private readonly decoded: readonly number[],
  ) {}

  /** Where, in the original text, the characters standing for view index `start` begin. */
  originalStart(start: number): number {
    return this.starts[start]!;
  }

  /** Where, in the original text, the characters standing for view index `end - 1` end. */
  originalEnd(end: number): number {
    return this.ends[end - 1]!;
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

/**
 * Builds a view character by character, in order of the original text: each view character is
 * written with where its original characters begin and end. Flat typed arrays rather than a list
 * of pieces, as a flood of escapes would make a piece per character; a view is rarely long.
 */
export class ViewBuilder {
  private chars: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;
  private readonly cuts: number[] = [];
  private readonly decoded: number[] = [];

  /** `capacity`: the view's expected length; the arrays grow past it when folds lengthen the text. */
  constructor(capacity: number) {
    this.chars = new Uint16Array(capacity + 16);
    this.starts = new Int32Array(capacity + 16);
    this.ends = new Int32Array(capacity + 16);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.chars.length) return;
    const size = Math.max(this.chars.length * 2, this.length + count);
    const chars = new Uint16Array(size);
    chars.set(this.chars);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    [this.chars, this.starts, this.ends] = [chars, starts, ends];
  }

  /** `original[start, end)` as it is. */
  copy(original: string, start: number, end: number): void {
    this.reserve(end - start);
    for (let i = start; i < end; i++, this.length++) {
      this.chars[this.length] = original.charCodeAt(i);
      this.starts[this.length] = i;
      this.ends[this.length] = i + 1;
    }
  }

  /** `replacement` in place of `original[start, end)`; an empty replacement removes them. */
  replace(replacement: string, start: number, end: number): void {
    this.reserve(replacement.length);
    for (let i = 0; i < replacement.length; i++, this.length++) {
      this.chars[this.length] = replacement.charCodeAt(i);
      this.starts[this.length] = start;
      this.ends[this.length] = end;
    }
  }

  /** `stretch.text[start, end)` as it is, each character standing for the quartets that encode it. */
  copyDecoded(stretch: DecodedText, start: number, end: number): void {
    this.reserve(end - start);
    const n = this.decoded.length;
    if (n > 0 && this.decoded[n - 1] === this.length) this.decoded[n - 1] = this.length + end - start;
    else this.decoded.push(this.length, this.length + end - start);
    for (let i = start; i < end; i++, this.length++) {
      const code = stretch.text.charCodeAt(i);
      this.chars[this.length] = code;
      // Both halves of a surrogate pair stand for the whole character (see DecodedText).
      const high = code >= 0xd800 && code <= 0xdbff && i + 1 < end;
      this.starts[this.length] = stretch.originalStart(i);
      this.ends[this.length] = stretch.originalEnd(high ? i + 2 : i + 1);
    }
  }

  /** Marks the current end of the view as a cut (see {@link NormalisedView.touchesCut}). */
  cut(): void {
    this.cuts.push(this.length);
  }

  build(): NormalisedView {
    return new NormalisedView(fromCodeUnits(this.chars, this.length), this.starts, this.ends, this.cuts, this.decoded);
  }
}
