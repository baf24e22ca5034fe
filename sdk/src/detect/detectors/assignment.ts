/**
 * Parsing of `name <op> value` assignments around an operator (`:` or `=`), for code, config,
 * .env, YAML, JSON and HTTP headers: `DB_PASSWORD=…`, `"apiKey": "…"`, `password: …`,
 * `x-api-key: …`, `Authorization: Bearer …`. The name is read backwards from the operator and
 * the value forwards; every walk is bounded.
 */

import { assignmentNameEnd, codeAt } from '../text';

const MAX_NAME = 64;
const MAX_VALUE = 256;
/**
 * Sticky, compiled once (a literal inside the function would build a RegExp per operator).
 * No `^`: with the sticky flag it would only match at index 0 of the text.
 */
const AUTH_SCHEME = /(?:Bearer|Basic|Token|Bot) /y;

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
}

/**
 * What the parse found, written into an object the caller keeps: an operator repeated
 * thousands of times then costs no allocation each.
 */
export interface Assignment {
  /** Where the key (`DB_PASSWORD`, `apiKey`, `x-api-key`) sits, `[nameStart, nameEnd)`. */
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

/**
 * Reads the name before the operator at `op` into `out`: up to 64 name characters before the
 * spaces, tabs and closing quote of a JSON/YAML key (see assignmentNameEnd). A closing quote
 * needs its opening quote, unless the name is longer than the 64 characters read. False when
 * there is no name.
 */
export function readAssignmentName(text: string, op: number, out: Assignment): boolean {
  const nameEnd = assignmentNameEnd(text, op);
  const quote = codeAt(text, nameEnd);
  const quoted = nameEnd < op && (quote === 34 || quote === 39);
  const minStart = Math.max(0, nameEnd - MAX_NAME);
  let nameStart = nameEnd;
  while (nameStart > minStart && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  if (nameStart === nameEnd) return false;
  const before = codeAt(text, nameStart - 1);
  if (quoted && before !== quote && !isNameChar(before)) return false;
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  return true;
}

/**
 * Where a run of `=` starting at `index` ends when it is base64 padding closing the value (the
 * run is followed by whitespace, a closing quote, a separator, the next query parameter or the
 * end), else -1: `a=b` is a chain of assignments, `=>` an operator, `token="…"` an assignment of
 * a quoted value, and `=` followed by anything else ends the value too.
 */
function paddingEnd(text: string, index: number): number {
  const length = text.length;
  let i = index;
  while (i < length && text.charCodeAt(i) === 61) i++;
  if (i >= length) return i;
  const next = text.charCodeAt(i);
  if (next === 62 || !valueEndsAt(text, i, next)) return -1;
  // A quote opening a value (`="Abc…`) rather than closing the text around this one (`ZCE="`).
  const isQuote = next === 34 || next === 39 || next === 96;
  return isQuote && i + 1 < length && !endsUnquotedValue(text.charCodeAt(i + 1)) ? -1 : i;
}

/** Flags by ASCII code unit: whitespace and controls, quotes, separators and closers end an unquoted value. */
const VALUE_ENDS = new Uint8Array(128);
for (let c = 0; c <= 32; c++) VALUE_ENDS[c] = 1;
for (const c of '"\'`,;)}]<>') VALUE_ENDS[c.charCodeAt(0)] = 1;

function endsUnquotedValue(c: number): boolean {
  return c < 128 ? VALUE_ENDS[c] === 1 : false;
}

const AMPERSAND = 38;

/**
 * Whether a query parameter (`name=`) starts at `index`, after a `&`: then the `&` separates
 * the parameters of a URL's query (`?token=abc&password=…`) and ends the value before it. A `&`
 * inside a password (`Tr0ub4dor&3xyz`) is followed by no such name, and stays in the value.
 */
function parameterFollows(text: string, index: number): boolean {
  const max = Math.min(text.length, index + MAX_NAME);
  let i = index;
  while (i < max && isNameChar(text.charCodeAt(i))) i++;
  return i > index && codeAt(text, i) === 61;
}

/** Whether an unquoted value ends at `index`, whose code unit is `code`. */
function valueEndsAt(text: string, index: number, code: number): boolean {
  return endsUnquotedValue(code) || (code === AMPERSAND && parameterFollows(text, index + 1));
}

/**
 * Reads the value after the operator at `op` into `out`: `:`, `:=`, `=`, `==`, `=>`, spaces or
 * tabs, an HTTP auth scheme (`Bearer `), then a quoted value or an unquoted one. False when
 * there is no value.
 */
export function readAssignmentValue(text: string, op: number, out: Assignment): boolean {
  const length = text.length;
  let i = op + 1;
  if (text.charCodeAt(op) === 58) {
    if (codeAt(text, i) === 61) i++;
  } else {
    while (i < length && text.charCodeAt(i) === 61) i++;
    if (codeAt(text, i) === 62) i++;
  }
  while (i < length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= length) return false;
  // HTTP auth schemes carry the credential after one word.
  // The regex runs only after a `B` or `T`: most values start otherwise.
  const schemeStart = text.charCodeAt(i);
  if (schemeStart === 66 || schemeStart === 84) {
    AUTH_SCHEME.lastIndex = i;
    if (AUTH_SCHEME.test(text)) i = AUTH_SCHEME.lastIndex;
  }
  const quote = codeAt(text, i);
  if (quote === 34 || quote === 39 || quote === 96) {
    const start = i + 1;
    const maxEnd = Math.min(length, start + MAX_VALUE);
    let end = start;
    while (end < maxEnd && text.charCodeAt(end) !== quote && text.charCodeAt(end) !== 10) end++;
    if (codeAt(text, end) !== quote || end === start) return false;
    return fillValue(out, start, end, true);
  }
  const start = i;
  const maxEnd = Math.min(length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd) {
    const c = text.charCodeAt(end);
    if (c === 61) {
      const padded = paddingEnd(text, end);
      if (padded < 0) break;
      end = Math.min(padded, maxEnd);
      break;
    }
    if (valueEndsAt(text, end, c)) break;
    end++;
  }
  // A sentence's full stop is not part of the value.
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
  return end > start && fillValue(out, start, end, false);
}

function fillValue(out: Assignment, valueStart: number, valueEnd: number, quoted: boolean): true {
  out.valueStart = valueStart;
  out.valueEnd = valueEnd;
  out.quoted = quoted;
  return true;
}
