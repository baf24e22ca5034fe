/**
 * Escapes read as the characters they stand for: percent-encoding (`%40`, and UTF-8 sequences
 * such as `%EF%BC%A0`) and HTML character references (`&#64;`, `&#x40;`, `&commat;`). Each reader
 * looks at one escape, so a flood of them costs one read each, and decodes one code point into
 * an {@link Escape}, reused between calls to spare an allocation per escape.
 */
import { isAlnum, isDigit } from '../text';
import { continuationsAfter, isContinuation, isValidSequence, leadBits } from './utf8';

export class Escape {
  /** Index just past the escape. */
  end = 0;
  codePoint = 0;
}

function hexValue(code: number): number {
  if (isDigit(code)) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The byte of the `%XX` at `i` (which ends by `limit`), or -1. */
function percentByte(text: string, i: number, limit: number): number {
  if (i + 3 > limit || text.charCodeAt(i) !== 37) return -1;
  const high = hexValue(text.charCodeAt(i + 1));
  const low = hexValue(text.charCodeAt(i + 2));
  return high < 0 || low < 0 ? -1 : (high << 4) | low;
}

/**
 * One percent-encoded character at `i`: a `%XX` below 0x80, or the `%XX` bytes of one valid UTF-8
 * sequence (no overlong forms, surrogates or values past U+10FFFF). False when there is none, and
 * the `%` stays as it is.
 */
export function readPercent(text: string, i: number, limit: number, out: Escape): boolean {
  const lead = percentByte(text, i, limit);
  if (lead < 0) return false;
  const continuations = continuationsAfter(lead);
  if (continuations < 0) return false;
  let codePoint = leadBits(lead, continuations);
  let j = i + 3;
  for (let k = 0; k < continuations; k++, j += 3) {
    const byte = percentByte(text, j, limit);
    if (!isContinuation(byte)) return false;
    codePoint = (codePoint << 6) | (byte & 0x3f);
  }
  if (!isValidSequence(codePoint, continuations)) return false;
  out.codePoint = codePoint;
  out.end = j;
  return true;
}

/**
 * The named references of HTML that stand for ASCII characters, spaces or invisible characters
 * (from the WHATWG list); the rest of the list (`&eacute;`, `&rarr;`, …) names characters no
 * detector reads. Only the forms ending in `;`: the legacy ones without it (`&amp`) are not read.
 */
const NAMED: ReadonlyMap<string, number> = new Map([
  ['Tab', 0x09], ['NewLine', 0x0a], ['excl', 0x21], ['quot', 0x22], ['QUOT', 0x22], ['num', 0x23],
  ['dollar', 0x24], ['percnt', 0x25], ['amp', 0x26], ['AMP', 0x26], ['apos', 0x27], ['lpar', 0x28],
  ['rpar', 0x29], ['ast', 0x2a], ['midast', 0x2a], ['plus', 0x2b], ['comma', 0x2c], ['period', 0x2e],
  ['sol', 0x2f], ['colon', 0x3a], ['semi', 0x3b], ['lt', 0x3c], ['LT', 0x3c], ['equals', 0x3d],
  ['gt', 0x3e], ['GT', 0x3e], ['quest', 0x3f], ['commat', 0x40], ['lsqb', 0x5b], ['lbrack', 0x5b],
  ['bsol', 0x5c], ['rsqb', 0x5d], ['rbrack', 0x5d], ['Hat', 0x5e], ['lowbar', 0x5f], ['UnderBar', 0x5f],
  ['grave', 0x60], ['DiacriticalGrave', 0x60], ['lcub', 0x7b], ['lbrace', 0x7b], ['verbar', 0x7c],
  ['vert', 0x7c], ['VerticalLine', 0x7c], ['rcub', 0x7d], ['rbrace', 0x7d],
  ['nbsp', 0xa0], ['NonBreakingSpace', 0xa0], ['ensp', 0x2002], ['emsp', 0x2003], ['emsp13', 0x2004],
  ['emsp14', 0x2005], ['numsp', 0x2007], ['puncsp', 0x2008], ['thinsp', 0x2009], ['ThinSpace', 0x2009],
  ['hairsp', 0x200a], ['VeryThinSpace', 0x200a], ['MediumSpace', 0x205f],
  ['shy', 0xad], ['ZeroWidthSpace', 0x200b], ['NegativeVeryThinSpace', 0x200b], ['NegativeThinSpace', 0x200b],
  ['NegativeMediumSpace', 0x200b], ['NegativeThickSpace', 0x200b], ['zwnj', 0x200c], ['zwj', 0x200d],
  ['lrm', 0x200e], ['rlm', 0x200f], ['NoBreak', 0x2060], ['af', 0x2061], ['ApplyFunction', 0x2061],
  ['it', 0x2062], ['InvisibleTimes', 0x2062], ['ic', 0x2063], ['InvisibleComma', 0x2063],
]);
const LONGEST_NAME = Math.max(...[...NAMED.keys()].map((name) => name.length));

/** Digits a numeric reference may have, leading zeros included; a longer one is not read. */
const MAX_DIGITS = 16;

/** Code points a numeric reference may stand for: not NUL, C0/C1 controls but tab and line breaks, surrogates or past U+10FFFF. */
function isReferable(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 9 || codePoint === 10 || codePoint === 13;
  return !(codePoint >= 0x7f && codePoint <= 0x9f) && !(codePoint >= 0xd800 && codePoint <= 0xdfff) && codePoint <= 0x10ffff;
}

/**
 * One HTML character reference at the `&` at `i`. Numeric ones are read as a browser reads them,
 * the `;` optional (`jane&#64corp.com` shows as `jane@corp.com`); named ones need their `;`.
 */
export function readEntity(text: string, i: number, limit: number, out: Escape): boolean {
  if (i + 3 > limit) return false;
  let j = i + 1;
  if (text.charCodeAt(j) === 35) {
    j++;
    const hex = (text.charCodeAt(j) | 0x20) === 120;
    if (hex) j++;
    const digitsStart = j;
    let codePoint = 0;
    // Capped in length too, so one reference spans a bounded number of characters.
    for (const digitsEnd = Math.min(limit, j + MAX_DIGITS); j < digitsEnd; j++) {
      const digit = hex ? hexValue(text.charCodeAt(j)) : isDigit(text.charCodeAt(j)) ? text.charCodeAt(j) - 48 : -1;
      if (digit < 0) break;
      // Capped past the last code point, so a long run of digits cannot overflow into a valid one.
      codePoint = Math.min(codePoint * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (j === digitsStart || (j < limit && (hex ? hexValue(text.charCodeAt(j)) >= 0 : isDigit(text.charCodeAt(j)))) || !isReferable(codePoint)) return false;
    if (j < limit && text.charCodeAt(j) === 59) j++;
    out.codePoint = codePoint;
    out.end = j;
    return true;
  }
  const nameEnd = Math.min(limit, j + LONGEST_NAME);
  while (j < nameEnd && isAlnum(text.charCodeAt(j))) j++;
  if (j >= limit || text.charCodeAt(j) !== 59) return false;
  const codePoint = NAMED.get(text.slice(i + 1, j));
  if (codePoint === undefined) return false;
  out.codePoint = codePoint;
  out.end = j + 1;
  return true;
}
