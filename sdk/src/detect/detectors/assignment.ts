/**
 * Parsing of `name <op> value` assignments around a keyword hit, for code, config, .env, YAML,
 * JSON and HTTP headers: `DB_PASSWORD=…`, `"apiKey": "…"`, `password: …`, `x-api-key: …`,
 * `Authorization: Bearer …`. Every walk is bounded, so a keyword repeated a million times costs
 * a constant amount per hit.
 */

const MAX_NAME = 64;
const MAX_VALUE = 256;
/**
 * Sticky, compiled once (a literal inside the function would build a RegExp per keyword hit).
 * No `^`: with the sticky flag it would only match at index 0 of the text.
 */
const AUTH_SCHEME = /(?:Bearer|Basic|Token|Bot) /y;

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
}

/**
 * What `parseAssignment` found, written into an object the caller keeps: a keyword repeated
 * thousands of times then costs no allocation per hit.
 */
export interface Assignment {
  /**
   * Where the key (`DB_PASSWORD`, `apiKey`, `x-api-key`) sits, `[nameStart, nameEnd)`: indices
   * rather than a string, as most keyword hits are rejected before the name is looked at.
   */
  nameStart: number;
  nameEnd: number;
  /** The value's span (without quotes), `[valueStart, valueEnd)`. */
  valueStart: number;
  valueEnd: number;
  /** Whether the value was quoted: unquoted values are more often code (`password: string`). */
  quoted: boolean;
}

export function emptyAssignment(): Assignment {
  return { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0, quoted: false };
}

/** True when the `=` at `index` starts a run of `=` that ends the token. */
function isPaddingEnd(text: string, index: number): boolean {
  let i = index;
  while (text.charCodeAt(i) === 61) i++;
  const c = text.charCodeAt(i);
  return !(isNameChar(c) || c === 43 || c === 47);
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A camelCase boundary: an upper-case letter after a lower-case letter or a digit (`secretKey`, `v2Token`). */
function camelBoundary(name: string, index: number): boolean {
  const code = name.charCodeAt(index);
  const prev = name.charCodeAt(index - 1);
  return code >= 65 && code <= 90 && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57));
}

/**
 * The last `count` words of an identifier, lower-cased, last word last: `awsSecretAccessKey`
 * → access, key. Words are split at camelCase boundaries and at any other character. Walks back
 * from the end with no regex or array of all words: this runs at every keyword hit.
 */
export function lastNameWords(name: string, count: number): string[] {
  const words: string[] = [];
  let end = name.length;
  while (words.length < count) {
    while (end > 0 && !isAsciiAlnum(name.charCodeAt(end - 1))) end--;
    if (end === 0) break;
    let start = end - 1;
    while (start > 0 && isAsciiAlnum(name.charCodeAt(start - 1)) && !camelBoundary(name, start)) start--;
    words.unshift(name.slice(start, end).toLowerCase());
    end = start;
  }
  return words;
}

/** Parses the assignment whose name contains `anchor` into `out`; false when there is none. */
export function parseAssignment(text: string, anchor: number, out: Assignment): boolean {
  let nameStart = anchor;
  const minStart = Math.max(0, anchor - MAX_NAME);
  while (nameStart > minStart && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let i = anchor;
  const maxName = Math.min(text.length, anchor + MAX_NAME);
  while (i < maxName && isNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  // Closing quote of a JSON/YAML key, then spaces, then the operator.
  const quoteOpen = text.charCodeAt(nameStart - 1);
  if ((quoteOpen === 34 || quoteOpen === 39) && text.charCodeAt(i) === quoteOpen) i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const op = text.charCodeAt(i);
  if (op === 58) {
    i++;
    if (text.charCodeAt(i) === 61) i++;
  } else if (op === 61) {
    i++;
    while (text.charCodeAt(i) === 61) i++;
    if (text.charCodeAt(i) === 62) i++;
  } else {
    return false;
  }
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  // HTTP auth schemes carry the credential after one word.
  // The regex runs only after a `B` or `T`: most values start otherwise, and this is every keyword hit.
  const schemeStart = text.charCodeAt(i);
  if (schemeStart === 66 || schemeStart === 84) {
    AUTH_SCHEME.lastIndex = i;
    if (AUTH_SCHEME.test(text)) i = AUTH_SCHEME.lastIndex;
  }
  const quote = text.charCodeAt(i);
  if (quote === 34 || quote === 39 || quote === 96) {
    const start = i + 1;
    const maxEnd = Math.min(text.length, start + MAX_VALUE);
    let end = start;
    while (end < maxEnd && text.charCodeAt(end) !== quote && text.charCodeAt(end) !== 10) end++;
    if (text.charCodeAt(end) !== quote || end === start) return false;
    return fill(out, nameStart, nameEnd, start, end, true);
  }
  const start = i;
  const maxEnd = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd) {
    const c = text.charCodeAt(end);
    // Whitespace, quotes, separators and closers end an unquoted value.
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 44 || c === 59 || c === 41 || c === 125 || c === 93 || c === 60 || c === 62) break;
    // `=` belongs to a value only as base64 padding; `a=b=c` is a chain of assignments.
    if (c === 61 && !isPaddingEnd(text, end)) break;
    end++;
  }
  // A sentence's full stop is not part of the value.
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
  return end > start && fill(out, nameStart, nameEnd, start, end, false);
}

function fill(out: Assignment, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, quoted: boolean): true {
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  out.valueStart = valueStart;
  out.valueEnd = valueEnd;
  out.quoted = quoted;
  return true;
}
