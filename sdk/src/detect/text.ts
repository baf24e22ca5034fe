/** Character tests shared by detectors; plain code-unit comparisons, no regex, for the hot paths. */

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

export function isAlnum(code: number): boolean {
  return isDigit(code) || isUpper(code) || isLower(code);
}

export function isHex(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

const BASE64_CODES = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CODES[char.charCodeAt(0)] = 1;

/**
 * The base64 alphabet without padding (`A–Z a–z 0–9 + /`), that of AWS secret keys. A table
 * read: the run locators call it on characters of every kind, where a chain of range tests
 * mispredicts (a quarter faster on prompts).
 */
export function isBase64Code(code: number): boolean {
  return code < 128 && BASE64_CODES[code] === 1;
}

/**
 * The code unit at `index`, or -1 outside the text, for reads that may fall one step past an
 * end. `charCodeAt` gives NaN there, which V8's optimised code does not expect: the call site
 * deoptimises (a recompile mid-scan), and every comparison NaN flows into (`isDigit`,
 * `isAlnum`) stays generic afterwards. Tight loops test their bound instead.
 */
export function codeAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
}

/** Characters of identifiers and most token alphabets: letters, digits, `_`, `-`. */
export function isTokenChar(code: number): boolean {
  return isAlnum(code) || code === 95 || code === 45;
}

/** True when `index` ends a token: the text ends there or the next code unit is not a token character. */
export function atTokenEnd(text: string, index: number): boolean {
  return index >= text.length || !isTokenChar(text.charCodeAt(index));
}

/** True when neither neighbour of `[start, end)` is a letter or digit. */
export function alnumBounded(text: string, start: number, end: number): boolean {
  return (start === 0 || !isAlnum(text.charCodeAt(start - 1))) && (end >= text.length || !isAlnum(text.charCodeAt(end)));
}

/** Runs a sticky regex at `index`; returns the match end or -1. The regex must have the `y` flag. */
export function stickyEnd(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** The digits of `value`, in order. */
export function digitsOf(value: string): string {
  // Most numbers reach here unseparated (and phone candidates are re-read per group count):
  // return those as they are instead of running a replace that builds a new string.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return value.replace(/\D+/g, '');
  }
  return value;
}

/**
 * The next `char` (one code unit) at or after `from`, or -1. `indexOf` scans far
 * faster than a loop, but a call costs more than reading a few characters: where the previous
 * hits came close together (`gap`, the distance between the last two; `sk_sk_…`, a snake_case
 * identifier, `a:a:…`) the next few characters are read by hand first.
 */
export function nextIndexOf(text: string, char: string, from: number, gap: number): number {
  if (gap <= 16) {
    const code = char.charCodeAt(0);
    const near = Math.min(text.length, from + 16);
    for (let i = from; i < near; i++) if (text.charCodeAt(i) === code) return i;
    return near < text.length ? text.indexOf(char, near) : -1;
  }
  return text.indexOf(char, from);
}

/** Characters that make a compound assignment with a following `=`: `.=` (PHP), `+=`, `?=`, `??=`, `||=`, `&&=`, `::=` (make), `!=`. */
function isOperatorPrefix(code: number): boolean {
  return code === 46 || code === 43 || code === 63 || code === 124 || code === 38 || code === 58 || code === 33;
}

/**
 * Where the name before the assignment operator at `op` ends (exclusive), past a compound
 * operator's first characters (`.=`, `::=`), the spaces and tabs, an index's closing bracket
 * (`dict["secret"] =`, `apikey[] =`) and one closing quote (`"apiKey" :`, or `\"apiKey\":` in an
 * escaped string); a closing quote, or its backslash, sits at the returned index. Shared by the prefilter's operator test and the assignment parser, which
 * must agree.
 */
export function assignmentNameEnd(text: string, op: number): number {
  let i = op;
  let c = codeAt(text, i - 1);
  if (text.charCodeAt(op) === 61) for (let n = 0; n < 3 && isOperatorPrefix(c); n++) c = codeAt(text, --i - 1);
  while (c === 32 || c === 9) c = codeAt(text, --i - 1);
  if (c === 93) {
    const inside = codeAt(text, i - 2);
    if (inside === 91) c = codeAt(text, (i -= 2) - 1);
    else if (inside === 34 || inside === 39) c = codeAt(text, --i - 1);
  }
  if (c !== 34 && c !== 39) return i;
  // A key escaped inside a string (`\"api_token\": …`): the backslash belongs to the closing quote.
  return codeAt(text, i - 2) === 92 ? i - 2 : i - 1;
}
