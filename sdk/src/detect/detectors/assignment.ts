/**
 * Parsing of `name <op> value` assignments around an operator (`:` or `=`), for code, config,
 * .env, YAML, JSON and HTTP headers: `DB_PASSWORD=…`, `"apiKey": "…"`, `password: …`,
 * `x-api-key: …`, `Authorization: Bearer …`. The name is read backwards from the operator and
 * the value forwards; every walk is bounded.
 */

const MAX_NAME = 64;
const MAX_VALUE = 256;
/**
 * Sticky, compiled once (a literal inside the function would build a RegExp per operator).
 * No `^`: with the sticky flag it would only match at index 0 of the text.
 */
const AUTH_SCHEME = /(?:Bearer|Basic|Token|Bot) /y;

export function isNameChar(code: number): boolean {
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
 * Reads the name before the operator at `op` into `out`: spaces or tabs, the closing quote of a
 * JSON/YAML key (which needs its opening quote), then up to 64 name characters. False when there
 * is no name.
 */
export function readAssignmentName(text: string, op: number, out: Assignment): boolean {
  let i = op - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  const quote = text.charCodeAt(i);
  const quoted = quote === 34 || quote === 39;
  if (quoted) i--;
  const nameEnd = i + 1;
  const minStart = Math.max(0, nameEnd - MAX_NAME);
  while (i >= minStart && isNameChar(text.charCodeAt(i))) i--;
  const nameStart = i + 1;
  if (nameStart === nameEnd || (quoted && text.charCodeAt(i) !== quote)) return false;
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  return true;
}

/**
 * Where a run of `=` starting at `index` ends when it is base64 padding closing the value (the
 * run is followed by whitespace, a quote, a separator or the end), else -1: `a=b` is a chain of
 * assignments, `=>` an operator, and `=` followed by anything else ends the value too.
 */
function paddingEnd(text: string, index: number): number {
  let i = index;
  while (text.charCodeAt(i) === 61) i++;
  if (i >= text.length) return i;
  const next = text.charCodeAt(i);
  return next !== 62 && endsUnquotedValue(next) ? i : -1;
}

/** Whitespace, quotes, separators and closers end an unquoted value. */
function endsUnquotedValue(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 96 || c === 44 || c === 59 || c === 41 || c === 125 || c === 93 || c === 60 || c === 62;
}

/**
 * Reads the value after the operator at `op` into `out`: `:`, `:=`, `=`, `==`, `=>`, spaces or
 * tabs, an HTTP auth scheme (`Bearer `), then a quoted value or an unquoted one. False when
 * there is no value.
 */
export function readAssignmentValue(text: string, op: number, out: Assignment): boolean {
  let i = op + 1;
  if (text.charCodeAt(op) === 58) {
    if (text.charCodeAt(i) === 61) i++;
  } else {
    while (text.charCodeAt(i) === 61) i++;
    if (text.charCodeAt(i) === 62) i++;
  }
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  // HTTP auth schemes carry the credential after one word.
  // The regex runs only after a `B` or `T`: most values start otherwise.
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
    return fillValue(out, start, end, true);
  }
  const start = i;
  const maxEnd = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd) {
    const c = text.charCodeAt(end);
    if (c === 61) {
      const padded = paddingEnd(text, end);
      if (padded < 0) break;
      end = Math.min(padded, maxEnd);
      break;
    }
    if (endsUnquotedValue(c)) break;
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
