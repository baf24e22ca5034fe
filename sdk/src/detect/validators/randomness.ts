/**
 * Heuristics that separate a real random credential from a placeholder or a word: Shannon
 * entropy, character-class mix, runs of one character and keyboard/alphabet sequences.
 */

/** Scratch counts for ASCII code units, left all zero after each call: entropy runs on every candidate secret, so no Map per call. */
const asciiCounts = new Uint16Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  // Non-ASCII values are rare, and counts must fit 16 bits: anything else takes the general path.
  if (length > 0xffff) return shannonEntropyGeneral(value);
  for (let i = 0; i < length; i++) if (value.charCodeAt(i) >= 128) return shannonEntropyGeneral(value);
  for (let i = 0; i < length; i++) asciiCounts[value.charCodeAt(i)]!++;
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const count = asciiCounts[code]!;
    if (count === 0) continue; // already counted
    const p = count / length;
    bits -= p * Math.log2(p);
    asciiCounts[code] = 0;
  }
  return bits;
}

function shannonEntropyGeneral(value: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Number of classes among lower case, upper case, digits and other printable characters. */
export function characterClasses(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** True when `value` holds `length` equal characters in a row, or `length` ascending/descending neighbours (abcdef, 123456). */
export function hasRunOrSequence(value: string, length: number): boolean {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const delta = value.charCodeAt(i) - value.charCodeAt(i - 1);
    same = delta === 0 ? same + 1 : 1;
    up = delta === 1 ? up + 1 : 1;
    down = delta === -1 ? down + 1 : 1;
    if (same >= length || up >= length || down >= length) return true;
  }
  return false;
}

const WORDS = ['example', 'sample', 'dummy', 'placeholder', 'your', 'xxxx', 'redacted', 'changeme', 'insert', 'replace', 'fake', 'testkey', 'testingkey', 'token_here', 'tokenhere', 'key_here', 'keyhere'];

/**
 * Words of templated values (`your_key_here`, `xxxx`, `EXAMPLE`) anywhere in a token body, in one
 * case (lower, upper or capitalised): a random mixed-case body holds `lFaKe` or `YoUr` by chance
 * (a few in a thousand 40-character bodies), a typed placeholder does not.
 */
export const PLACEHOLDER_WORDS = new RegExp(WORDS.flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]).join('|'));

/** True when `body` (a token without its prefix) looks machine-generated rather than typed or templated. */
export function looksRandom(body: string, minEntropy = 3): boolean {
  if (PLACEHOLDER_WORDS.test(body)) return false;
  if (hasRunOrSequence(body, 6)) return false;
  return shannonEntropy(body) >= Math.min(minEntropy, Math.log2(body.length) - 0.5);
}
