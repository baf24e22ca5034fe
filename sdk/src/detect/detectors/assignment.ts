/**
 * Parsing of `name <op> value` assignments around an operator (`:`, `=` or the `>` closing an
 * XML start tag), for code, config, .env, YAML, TOML, INI, JSON, XML and HTTP headers:
 * `DB_PASSWORD=…`, `"apiKey": "…"`, `password: …`, `x-api-key: …`, `Authorization: Bearer …`,
 * `$pwd .= "…"`, `TOKEN ::= "…"`, `<password>…</password>`. The name is read backwards from the
 * operator and the value forwards; every walk is bounded.
 */

import { assignmentNameEnd, codeAt } from '../text';

const MAX_NAME = 64;
/** Long enough for an AWS STS session token (about a kilobyte) in `AWS_SESSION_TOKEN=…`. */
export const MAX_VALUE = 2048;
/** How far the text of an XML element may start after its tag (`<password>\n    …`). */
const MAX_ELEMENT_INDENT = 64;

/**
 * HTTP auth schemes that carry the credential after one word or an `=` (`Authorization: Bearer
 * …`, GitHub's `token …`, FCM's `key=…`, Okta's `SSWS …`, Dynatrace's `Api-Token …`). Sticky and case-insensitive, compiled
 * once; no `^`, which with the sticky flag would only match at index 0 of the text.
 */
const AUTH_SCHEME = /(?:bearer|basic|token|bot|apikey|api-key|api-token|ssws|key|otoken)(?: +|=)/iy;
/** First letters of the schemes, upper and lower case: the regex runs only after one of them. */
const SCHEME_FIRST = new Set([...'bBtTaAsSkKoO'].map((c) => c.charCodeAt(0)));

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
  /** Whether the value was delimited (quoted, or an XML element's text): unquoted values are more often code (`password: string`). */
  quoted: boolean;
  /** Whether an unquoted value ran past the characters that end one in code (see {@link readAssignmentValue}). */
  wholeWord: boolean;
}

export function emptyAssignment(): Assignment {
  return { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0, quoted: false, wholeWord: false };
}

/**
 * Reads the name before the operator at `op` into `out`: up to 64 name characters before the
 * spaces, tabs and closing quote of a JSON/YAML key (see assignmentNameEnd). A closing quote
 * needs its opening quote, unless the name is longer than the 64 characters read. False when
 * there is no name.
 */
export function readAssignmentName(text: string, op: number, out: Assignment): boolean {
  const nameEnd = assignmentNameEnd(text, op);
  const escaped = codeAt(text, nameEnd) === 92;
  const quote = codeAt(text, escaped ? nameEnd + 1 : nameEnd);
  const quoted = nameEnd < op && (quote === 34 || quote === 39);
  let nameStart = nameStartOf(text, nameEnd);
  if (nameStart === nameEnd) return false;
  const before = codeAt(text, nameStart - 1);
  // A quoted key may carry a sigil (`"$DB_PASSWORD": …`, `"@token": …`).
  const sigil = before === 36 || before === 64;
  if (quoted && before !== quote && !isNameChar(before) && !(sigil && codeAt(text, nameStart - 2) === quote)) return false;
  // Go's `var apiToken string = "…"`: the name comes before its type.
  if (!quoted && nameEnd - nameStart === 6 && /^[Ss]tring$/.test(text.slice(nameStart, nameEnd)) && (before === 32 || before === 9)) {
    const typeStart = nameStart;
    const declared = nameStartOf(text, typeStart - 1);
    if (declared < typeStart - 1) {
      out.nameStart = declared;
      out.nameEnd = typeStart - 1;
      return true;
    }
  }
  out.nameStart = nameStart;
  out.nameEnd = nameEnd;
  return true;
}

/** Where the run of name characters ending at `nameEnd` starts, at most 64 back. */
function nameStartOf(text: string, nameEnd: number): number {
  const minStart = Math.max(0, nameEnd - MAX_NAME);
  let nameStart = nameEnd;
  while (nameStart > minStart && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  return nameStart;
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
 * Whether a parameter (`name=`) starts at `index`, after a separator: then the separator divides
 * the parameters of a URL's query (`?token=abc&password=…`) or of a connection string
 * (`Password=…;Encrypt=true`) and ends the value before it. A `&` inside a password
 * (`Tr0ub4dor&3xyz`) is followed by no such name, and stays in the value.
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
 * Whether a whole-word value (see {@link readAssignmentValue}) ends at `index`: at whitespace, a
 * quote, or a separator before the next parameter (`;Encrypt=true`, `&user=x`, `,user=x`).
 */
function wordEndsAt(text: string, index: number, code: number): boolean {
  if (code <= 32 || code === 34 || code === 39 || code === 96) return true;
  return (code === AMPERSAND || code === 59 || code === 44) && parameterFollows(text, index + 1);
}

/** The start of the name before `op` (see readAssignmentName), without the checks. */
function nameStartBefore(text: string, op: number): number {
  return nameStartOf(text, assignmentNameEnd(text, op));
}

/** Words that may come before an assignment at the start of a line: shell, Dockerfile, Windows `set`. */
const LINE_LEADS = ['export ', 'set ', 'ENV ', 'ARG ', 'declare ', 'local ', 'readonly '];

/**
 * Whether the assignment at `op` owns its value up to whitespace: it starts a line (`.env`, INI,
 * YAML, shell: `DB_PASSWORD=Abc(1)!`, after indentation, `export ` or a YAML `- `), sits alone in
 * quotes (`-d "password=Tr0ub(4dor)!"`), or is a parameter of a URL query or connection string
 * (`?password=…`, `;Password=…`). There a password may hold `( ) , ; ! ^ ~ = &`.
 */
function ownsWord(text: string, op: number): boolean {
  const nameStart = nameStartBefore(text, op);
  const before = codeAt(text, nameStart - 1);
  if (before === 63 || before === AMPERSAND || before === 59) return true;
  // An unquoted name right after a quote: the assignment is the quoted text (`-d "password=…"`).
  if ((before === 34 || before === 39) && codeAt(text, assignmentNameEnd(text, op)) !== before) return true;
  let i = nameStart;
  // A sigil (`$DB_PASSWORD=…` in a PHP or Perl config) belongs to the name.
  if (before === 36 || before === 64) i--;
  // An indexed name (`settings['secret'] =`, `$cfg["pass"] =`) starts with its container.
  if ((before === 34 || before === 39) && codeAt(text, i - 2) === 91) {
    i -= 2;
    while (i > 0 && (isNameChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 36)) i--;
  }
  for (const lead of LINE_LEADS) {
    if (i >= lead.length && text.startsWith(lead, i - lead.length)) {
      i -= lead.length;
      break;
    }
  }
  const min = Math.max(0, i - 32);
  while (i > min && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i >= 2 && text.charCodeAt(i - 1) === 45 && (codeAt(text, i - 2) === 32 || codeAt(text, i - 2) === 10)) {
    i--;
    while (i > min && text.charCodeAt(i - 1) === 32) i--;
  }
  return i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13;
}

/**
 * Whether the assignment at `op` can only hold a literal: `key=value` with no space around the
 * `=`, owning its word (see ownsWord), as in `.properties`, `.env` and INI files and URL queries,
 * where `mail.smtp.password=Summer.winter00` is a password and not a member access.
 */
export function isLiteralAssignment(text: string, op: number): boolean {
  if (text.charCodeAt(op) !== 61 || codeAt(text, op - 1) <= 32 || codeAt(text, op + 1) <= 32) return false;
  return ownsWord(text, op);
}

/**
 * The position after an HTTP auth scheme starting at `i` (`Bearer `, `token `, `key=`), or `i`.
 * The regex runs only after one of the schemes' first letters: most values start otherwise.
 */
function skipAuthScheme(text: string, i: number): number {
  if (!SCHEME_FIRST.has(codeAt(text, i))) return i;
  AUTH_SCHEME.lastIndex = i;
  return AUTH_SCHEME.test(text) ? AUTH_SCHEME.lastIndex : i;
}

/**
 * Reads a quoted value whose opening quote `quote` is at `open` (a backslash-escaped quote
 * `\"…\"` when `escaped`), up to the matching quote on the same line; a backslash escapes the
 * character after it. False when it has no end or is empty.
 */
function readQuoted(text: string, open: number, quote: number, escaped: boolean, out: Assignment): boolean {
  const length = text.length;
  const start = skipAuthScheme(text, open + (escaped ? 2 : 1));
  const maxEnd = Math.min(length, start + MAX_VALUE);
  let end = start;
  for (; end < maxEnd; end++) {
    const c = text.charCodeAt(end);
    if (c === 10) return false;
    if (c === 92) {
      if (escaped && codeAt(text, end + 1) === quote) break;
      end++;
      continue;
    }
    if (c === quote) break;
  }
  if (codeAt(text, end) !== (escaped ? 92 : quote) || end === start) return false;
  return fillValue(out, start, end, true, false);
}

/**
 * Reads the text of an XML element whose start tag ends at `op` (`<password>…</password>`,
 * `<entry key="password">…</entry>`): after any indentation, up to the `</` that closes it.
 */
function readElementText(text: string, op: number, out: Assignment): boolean {
  const length = text.length;
  let start = op + 1;
  const maxIndent = Math.min(length, start + MAX_ELEMENT_INDENT);
  while (start < maxIndent && codeAt(text, start) <= 32) start++;
  const maxEnd = Math.min(length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd && text.charCodeAt(end) !== 60) end++;
  if (codeAt(text, end) !== 60 || codeAt(text, end + 1) !== 47) return false;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return end > start && fillValue(out, start, end, true, false);
}

/**
 * A YAML block scalar (`token: |` or `>`, with optional chomping and indentation indicators):
 * the value is the next line, past its indentation. Only that first line is read: a secret
 * fits on one.
 */
function readBlockScalar(text: string, indicator: number, out: Assignment): boolean {
  let i = indicator + 1;
  while (i < text.length && (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43 || (text.charCodeAt(i) >= 49 && text.charCodeAt(i) <= 57))) i++;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
  if (codeAt(text, i) !== 10) return false;
  let start = i + 1;
  while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  if (start === i + 1) return false;
  const maxEnd = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return end > start && fillValue(out, start, end, true, false);
}

/** A type annotation after a `:` (`password: str = "…"`, `val token: String = "…"`): the literal assigned after it, if any. */
const TYPED_LITERAL = /[A-Za-z_][\w.]*(?:<[\w, .]*>|\[[\w, .]*\])?\??[ \t]+=[ \t]*(?=["'])/y;

/**
 * Reads the value after the operator at `op` into `out`: `:`, `:=`, `::=`, `=`, `==`, `=>`, the
 * `>` of an XML start tag, the `,` before a call's next argument; spaces or tabs, an HTTP auth scheme (`Bearer `), then a quoted value
 * (`"…"`, `'…'`, `` `…` ``, `@"…"`, an escaped `\"…\"`) or an unquoted one. An unquoted value ends
 * at whitespace, a quote, `,;)]}<>`, a `&` before the next query parameter or an `=` that is not
 * padding; where the assignment starts a line, sits alone in quotes or is a parameter (see ownsWord) it
 * runs on to whitespace, so `DB_PASSWORD=Abc(1)!x,y` is read whole. False when there is no value.
 */
export function readAssignmentValue(text: string, op: number, out: Assignment): boolean {
  const length = text.length;
  const operator = text.charCodeAt(op);
  if (operator === 62) return readElementText(text, op, out);
  let i = op + 1;
  if (operator === 44) {
    // A call's next argument (`setProperty("db.password", "…")`) or a CSV's next cell.
  } else if (operator === 58) {
    while (i < length && text.charCodeAt(i) === 58) i++;
    if (codeAt(text, i) === 61) i++;
  } else {
    while (i < length && text.charCodeAt(i) === 61) i++;
    if (codeAt(text, i) === 62) i++;
  }
  while (i < length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= length) return false;
  if (operator === 58 && (text.charCodeAt(i) === 124 || text.charCodeAt(i) === 62)) return readBlockScalar(text, i, out);
  i = skipAuthScheme(text, i);
  // Objective-C and C# string literals: `@"…"`.
  if (codeAt(text, i) === 64 && codeAt(text, i + 1) === 34) i++;
  const quote = codeAt(text, i);
  if (quote === 34 || quote === 39 || quote === 96) return readQuoted(text, i, quote, false, out);
  if (quote === 92 && (codeAt(text, i + 1) === 34 || codeAt(text, i + 1) === 39)) return readQuoted(text, i, codeAt(text, i + 1), true, out);
  if (operator === 58) {
    TYPED_LITERAL.lastIndex = i;
    if (TYPED_LITERAL.test(text)) return readQuoted(text, TYPED_LITERAL.lastIndex, text.charCodeAt(TYPED_LITERAL.lastIndex), false, out);
  }
  const start = i;
  const maxEnd = Math.min(length, start + MAX_VALUE);
  let end = start;
  let c = -1;
  while (end < maxEnd) {
    c = text.charCodeAt(end);
    if (c === 61) {
      const padded = paddingEnd(text, end);
      if (padded >= 0) {
        end = Math.min(padded, maxEnd);
        c = -1;
      }
      break;
    }
    if (valueEndsAt(text, end, c)) break;
    end++;
  }
  let wholeWord = false;
  // Stopped at a character that ends a value in code but may sit inside a password: read on
  // where the assignment owns the line or its quotes.
  // (Not at an `=` opening a quoted value: `Token token="…"` is an assignment of its own.)
  if (end < maxEnd && c > 32 && c !== 34 && c !== 39 && c !== 96 && !(c === 61 && isQuoteCode(codeAt(text, end + 1)))) {
    if (ownsWord(text, op)) {
      while (end < maxEnd && !wordEndsAt(text, end, text.charCodeAt(end))) end++;
      wholeWord = true;
      // A statement's or list's trailing separator is not part of the value.
      while (end > start && (text.charCodeAt(end - 1) === 44 || text.charCodeAt(end - 1) === 59)) end--;
    }
  }
  // A sentence's full stop is not part of the value.
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
  return end > start && fillValue(out, start, end, false, wholeWord);
}

function isQuoteCode(code: number): boolean {
  return code === 34 || code === 39 || code === 96;
}

function fillValue(out: Assignment, valueStart: number, valueEnd: number, quoted: boolean, wholeWord: boolean): true {
  out.valueStart = valueStart;
  out.valueEnd = valueEnd;
  out.quoted = quoted;
  out.wholeWord = wholeWord;
  return true;
}
