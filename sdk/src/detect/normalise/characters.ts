/**
 * What normalisation does to one code point. Invisible characters (Unicode's
 * Default_Ignorable_Code_Point: zero-width spaces and joiners, the soft hyphen, bidi controls,
 * variation selectors, tags) are removed; compatibility forms whose NFKC form is ASCII (fullwidth
 * `４` and `＠`, mathematical `𝟒`, no-break and other spaces, `①`, `ﬁ`) are folded to it; every
 * other character is kept. NFKC forms outside ASCII are left alone: no detector reads them, and
 * folding them would only send more texts down the normalised path.
 */

export const KEEP = 0;
export const STRIP = 1;
export const FOLD = 2;
export type CharAction = typeof KEEP | typeof STRIP | typeof FOLD;

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const ASCII_ONLY = /^[\x00-\x7f]+$/;

interface Block {
  readonly actions: Uint8Array;
  readonly folds: readonly (string | undefined)[];
  /** The fold as one code unit, for the folds that are one (`４` to `4`); 0 for the others. */
  readonly units: Uint16Array;
}

/**
 * Blocks of 256 code points, each classified on first use: classifying all of Unicode up front
 * costs ~0.2 s (a `normalize` call per code point), one block ~0.5 ms, and a text touches few
 * blocks. An array rather than a map, as text in a non-Latin script looks a block up per
 * character. What is kept is a property of Unicode, never of a text.
 */
const blocks: (Block | undefined)[] = new Array<Block | undefined>(0x1100);

function classifyBlock(base: number): Block {
  const actions = new Uint8Array(256);
  const folds = new Array<string | undefined>(256);
  const units = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    const codePoint = base + i;
    if (codePoint < 0x80 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) continue;
    const char = String.fromCodePoint(codePoint);
    if (IGNORABLE.test(char)) {
      actions[i] = STRIP;
      continue;
    }
    const nfkc = char.normalize('NFKC');
    if (nfkc !== char && ASCII_ONLY.test(nfkc)) {
      actions[i] = FOLD;
      folds[i] = nfkc;
      if (nfkc.length === 1 && codePoint <= 0xffff) units[i] = nfkc.charCodeAt(0);
    }
  }
  return { actions, folds, units };
}

function blockOf(codePoint: number): Block {
  const key = codePoint >>> 8;
  return (blocks[key] ??= classifyBlock(key << 8));
}

/** What normalisation does to `codePoint`; ASCII is always kept. */
export function charAction(codePoint: number): CharAction {
  return codePoint < 0x80 ? KEEP : (blockOf(codePoint).actions[codePoint & 0xff] as CharAction);
}

/**
 * `code` (one UTF-16 code unit) folded when its fold is one code unit too (`４` to `4`, a no-break
 * space to a space), else itself: such folds keep the text's length, so a view copies them.
 */
export function foldedUnit(code: number): number {
  return code < 0x80 ? code : blockOf(code).units[code & 0xff] || code;
}

/** The ASCII form of a code point whose action is {@link FOLD}. */
export function foldOf(codePoint: number): string {
  return blockOf(codePoint).folds[codePoint & 0xff]!;
}

const encoder = new TextEncoder();
/** Characters checked per call: the buffer they are encoded into is kept between scans, and wiped after each use. */
export const ASCII_CHUNK = 4096;
const buffer = new Uint8Array(ASCII_CHUNK);

/**
 * True when every character of `text[start, end)` (at most {@link ASCII_CHUNK} long) is ASCII,
 * as most of a prompt in English is: then none needs normalising. The native UTF-8 encoder answers
 * ~4× faster than a regex: it fits the characters into as many bytes only if each is one byte.
 */
export function isAsciiChunk(text: string, start: number, end: number): boolean {
  const size = end - start;
  const { read, written } = encoder.encodeInto(text.slice(start, end), buffer.subarray(0, size));
  // No text outlives the scan, not even as bytes in a buffer.
  buffer.fill(0, 0, written);
  return read === size;
}
