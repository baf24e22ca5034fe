import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt } from '../text';
import { emptyAssignment, isLiteralAssignment, readAssignmentName, readAssignmentValue, type Assignment } from './assignment';
import { equalsFolded, isSecretSection, nameStrength, NameStrength, SECRET_LAST_WORDS } from './secret-names';
import { looksLikeSecretValue, looksRandomValue } from './secret-values';
import { sectionBefore } from './sections';
import { shannonEntropy } from '../validators/randomness';

function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Whether `text[start, end)` has the entropy of a random string (3.5 bits per character). That
 * needs at least twelve distinct characters (log2 12 > 3.5), counted first in place: most long
 * unquoted values (`password:password:…`, words joined by `_`) have fewer, and skip the string
 * and the entropy sum.
 */
function looksRandomInPlace(text: string, start: number, end: number): boolean {
  // One bit per ASCII code unit, in four 32-bit words; other code units are left to the entropy itself.
  const seen = [0, 0, 0, 0];
  let distinct = 0;
  for (let i = start; i < end && distinct < 12; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      distinct = 12;
      break;
    }
    const bit = 1 << (c & 31);
    if ((seen[c >> 5]! & bit) === 0) {
      seen[c >> 5]! |= bit;
      distinct++;
    }
  }
  return distinct >= 12 && shannonEntropy(text.slice(start, end)) >= 3.5;
}

/** Reused across operators (scans are synchronous, so no two use it at once). */
const assignment = emptyAssignment();

/** Whether an unquoted value ending at `end` runs into another one's `=` (`a=b=c`; not `token="…"`, an assignment of its own). */
function chainedAt(text: string, end: number): boolean {
  if (codeAt(text, end) !== 61) return false;
  const next = codeAt(text, end + 1);
  return next !== 34 && next !== 39 && next !== 96;
}

/**
 * How far this scan has read past operators that are not assignments of their own: those inside
 * a long unquoted value or one read to the end of its line, and one chained onto a value
 * (`a=b=c`). A long unquoted value may hold further `name:` operators (`password:password:…`, up
 * to the value limit), each of which would read most of it again; in a chain each `=` would
 * start another assignment. Neither is an assignment of its own, so a flood of assignments costs
 * linear time and half the reads. Short values are cheap to read again, and a quoted value ends
 * at its quote, so neither hides the operators inside it (`"description": "db password: …"`
 * still has its password read).
 */
const READ_UNTIL: ScanSlot<{ end: number }> = scanSlot(() => ({ end: -1 }));
const LONG_VALUE = 32;

/**
 * An XML start tag closed by the `>` at `op` names a secret element (`<password>`, `<ns:apiKey>`)
 * or carries its name in a `key`/`name` attribute (`<entry key="password">`, `<add name="ApiToken">`).
 */
function isElementStart(text: string, found: Assignment): boolean {
  const before = codeAt(text, found.nameStart - 1);
  if (before === 60) return true;
  if (before === 58) return codeAt(text, found.nameStart - 2) !== 60 && /<[A-Za-z][\w.-]*:$/.test(text.slice(Math.max(0, found.nameStart - 32), found.nameStart));
  if (before !== 34 && before !== 39) return false;
  return /\b(?:key|name|id)\s*=\s*$/i.test(text.slice(Math.max(0, found.nameStart - 16), found.nameStart - 1));
}

/**
 * A name and value separated by a `,` are a pair only as two string arguments of a call
 * (`System.setProperty("javax.net.ssl.keyStorePassword", "…")`, `define('DB_PASSWORD', '…')`,
 * `.header("Authorization", "Bearer …")`) or two cells of a CSV line (`api_token,…`). Word-only
 * values are left out: in `__('Password', 'my-plugin')` the second argument is a text domain.
 */
function isArgumentPair(text: string, op: number, found: Assignment): boolean {
  const nameQuote = codeAt(text, found.nameEnd);
  const quotedName = nameQuote === 34 || nameQuote === 39;
  if (quotedName ? !found.quoted : found.quoted || found.valueStart !== op + 1) return false;
  for (let i = found.valueStart; i < found.valueEnd; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32 || c === 45 || c === 46 || c === 95)) return true;
  }
  return false;
}

/**
 * Whether the sibling before a `value` names a secret (`- name: DB_PASSWORD\n  value: …`,
 * `{"name": "API_TOKEN", "value": …}`, `<add key="ApiKey" value="…"/>`): read backwards from the
 * `value` name over separators, the sibling's value, its operator and its name, which must be
 * `name` or `key`. Every step is bounded; most texts fail at the first.
 */
function siblingNamesSecret(text: string, nameStart: number): boolean {
  const min = Math.max(0, nameStart - 160);
  let i = nameStart;
  while (i > min && isSeparator(text.charCodeAt(i - 1))) i--;
  const valueEnd = i;
  while (i > min && isSiblingValueChar(text.charCodeAt(i - 1))) i--;
  const valueStart = i;
  if (valueStart === valueEnd || valueEnd - valueStart > 64) return false;
  const quote = codeAt(text, i - 1);
  if (quote === 34 || quote === 39) i--;
  while (i > min && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  const operator = codeAt(text, i - 1);
  if (operator !== 58 && operator !== 61) return false;
  i--;
  while (i > min && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (codeAt(text, i - 1) === 34 || codeAt(text, i - 1) === 39) i--;
  const isKey = i >= 3 && equalsFolded(text, i - 3, 'key') && !isSiblingValueChar(codeAt(text, i - 4));
  const isName = i >= 4 && equalsFolded(text, i - 4, 'name') && !isSiblingValueChar(codeAt(text, i - 5));
  if (!isKey && !isName) return false;
  const strength = nameStrength(text, valueStart, valueEnd);
  return strength === NameStrength.Secret || strength === NameStrength.Weak;
}

/** Whitespace, quotes and the separators between two keys of one object (`,`, `;`). */
function isSeparator(code: number): boolean {
  return code <= 32 || code === 34 || code === 39 || code === 44 || code === 59;
}

function isSiblingValueChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
}

/** Whether a bare `key` sits in a secret-looking INI/TOML section (`[api]`), YAML parent (`stripe:`) or JSON parent (`"auth": {`). */
function parentNamesSecret(text: string, nameStart: number, context: ScanContext): boolean {
  const parent = parentKey(text, nameStart) ?? sectionBefore(text, nameStart, context);
  return parent !== null && isSecretSection(text, parent.start, parent.end);
}

/** The key whose value holds the name at `nameStart`: the YAML key on a less indented line just above, or the JSON key before the enclosing `{`. */
function parentKey(text: string, nameStart: number): Span | null {
  let i = nameStart;
  const quoted = codeAt(text, i - 1) === 34;
  if (quoted) i--;
  const min = Math.max(0, i - 256);
  let indent = 0;
  while (i > min && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
    i--;
    indent++;
  }
  // A YAML key at the margin has no parent key.
  if (!quoted && codeAt(text, i - 1) === 10) return indent > 0 ? yamlParent(text, i - 1, indent, min) : null;
  if (codeAt(text, i - 1) === 10) while (i > min && text.charCodeAt(i - 1) <= 32) i--;
  if (codeAt(text, i - 1) !== 123) return null;
  i--;
  while (i > min && text.charCodeAt(i - 1) <= 32) i--;
  if (codeAt(text, i - 1) !== 58) return null;
  i--;
  while (i > min && text.charCodeAt(i - 1) <= 32) i--;
  if (codeAt(text, i - 1) !== 34) return null;
  const end = i - 1;
  const start = text.lastIndexOf('"', end - 1);
  return start >= min && end - start <= 64 ? { start: start + 1, end } : null;
}

/** The key of the nearest line above `newline` (the current line's start) indented less than `indent` and ending with `:`. */
function yamlParent(text: string, newline: number, indent: number, min: number): Span | null {
  let lineEnd = newline;
  for (let lines = 0; lines < 4 && lineEnd > min; lines++) {
    let lineStart = lineEnd;
    while (lineStart > min && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    if (lineStart === min && min > 0) return null;
    let keyStart = lineStart;
    while (keyStart < lineEnd && (text.charCodeAt(keyStart) === 32 || text.charCodeAt(keyStart) === 9)) keyStart++;
    if (keyStart < lineEnd && keyStart - lineStart < indent) {
      let end = lineEnd;
      while (end > keyStart && text.charCodeAt(end - 1) <= 32) end--;
      return end - keyStart > 1 && text.charCodeAt(end - 1) === 58 ? { start: keyStart, end: end - 1 } : null;
    }
    lineEnd = lineStart - 1;
  }
  return null;
}

/**
 * The value of a secret-named assignment whose operator is at `op`, when it is plausible as a
 * literal. The value is read and tested first, in place: most values fail here (a flood of
 * `pwd=` costs no name check), and no string is built.
 */
function findSecretAssignment(text: string, op: number, context: ScanContext): Span | null {
  const read = context.get(READ_UNTIL);
  if (op < read.end || !readAssignmentValue(text, op, assignment)) return null;
  const start = assignment.valueStart;
  const end = assignment.valueEnd;
  if (!assignment.quoted && (assignment.wholeWord || end - start >= LONG_VALUE || chainedAt(text, end))) read.end = end + 1;
  // Unquoted values in code are mostly expressions (`password: string`, `token = getToken()`).
  if (!assignment.quoted && !hasDigit(text, start, end) && !(end - start >= 16 && !wordsOnly(text, start, end) && looksRandomInPlace(text, start, end))) return null;
  if (!readAssignmentName(text, op, assignment)) return null;
  const operator = text.charCodeAt(op);
  if (operator === 62 && !isElementStart(text, assignment)) return null;
  if (operator === 44 && !isArgumentPair(text, op, assignment)) return null;
  const strength = nameStrength(text, assignment.nameStart, assignment.nameEnd);
  if (strength === NameStrength.None || isReferenceInPlace(text, start, end)) return null;
  // A bare `key` or `value` counts only by its context, checked in place before the value is built.
  if (strength === NameStrength.BareKey || strength === NameStrength.BareValue) {
    if (text.charCodeAt(op) === 62) return null;
    const named = strength === NameStrength.BareKey ? parentNamesSecret(text, assignment.nameStart, context) : siblingNamesSecret(text, assignment.nameStart);
    if (!named) return null;
  }
  const value = text.slice(start, end);
  // A quoted string or an element's text is a literal, not code, once it holds a digit (`"granite.winter72"`).
  const literal = (assignment.quoted && hasDigit(text, start, end)) || isLiteralAssignment(text, op);
  if (!looksLikeSecretValue(value, literal)) return null;
  return strength === NameStrength.Secret || looksRandomValue(value) ? { start, end } : null;
}

/**
 * `$VAR`, `${…}`, `{{ … }}`, `<your-key>`, `(…)`, `[REDACTED]`, `%VAR%`: a reference (see
 * placeholders.ts), told by its first characters without building the value. A password may
 * start with `(` or `[` without being bracketed (`(EHK8BC..zm^n`).
 */
function isReferenceInPlace(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first === 36) return isVariableReference(text, start, end);
  if (first === 123 || first === 60 || first === 37) return true;
  const last = text.charCodeAt(end - 1);
  return (first === 40 && last === 41) || (first === 91 && last === 93);
}

/**
 * `$NAME`, `${…}`, `$(…)`: an expansion. A password may start with `$` (`'$TyjwsQfe^V@rY4'`, single
 * quoted in a shell): then the characters after the name are not a variable's.
 */
function isVariableReference(text: string, start: number, end: number): boolean {
  const next = codeAt(text, start + 1);
  if (next === 123 || next === 40) return true;
  let i = start + 1;
  while (i < end && isVariableChar(text.charCodeAt(i))) i++;
  return i === end;
}

function isVariableChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46;
}

/** Letters joined by `-`, `_` or `.` only (`ConvertTo-SecureString`, `prod_db_credentials`): words, whatever their entropy. */
function wordsOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46)) return false;
  }
  return true;
}

export const genericSecret: Detector = {
  id: 'GENERIC_SECRET',
  category: 'secret',
  description: 'The value of a password/secret/token/api_key assignment in code, config, .env, INI/TOML, YAML, JSON, XML or headers, when it looks like a real secret.',
  trigger: { kind: 'assignment', lastWords: SECRET_LAST_WORDS },
  confidence: 0.75,
  priority: 20,
  find: findSecretAssignment,
  resumeAt: (context) => context.get(READ_UNTIL).end,
  examples: {
    match: [
      'DB_PASSWORD=Vq8mT2xLp9Rw',
      '{"api_key": "c7f3a9e1b2d84f6a9c0e5b3d7f1a2c4e"}',
      'password: "Summer2024!"',
      'const clientSecret = "R8x2-Lq9VbN4mZt7YwK1";',
      'x-api-key: 7Hq2Rk9Lm4Xv8Bn6Tz1W',
      'Authorization: Bearer 7Hq2Rk9Lm4Xv8Bn6Tz1W',
      'curl -H "Authorization: Basic dXNlcjpQNHNzdzByZCE="',
      'PGPASSWORD=Kx9mQ2vL7pR4 psql -h db -U app',
      'DB_PASSWORD=Abc(123)!x^y~z,w',
      '"headers": {"Authorization": "Bearer 7Hq2Rk9Lm4Xv8Bn6Tz1W"}',
      '<password>Kx9mQ2vL7pR4</password>',
      '<entry key="db.password">Kx9mQ2vL7pR4</entry>',
      '$password .= "Kx9mQ2vL7pR4";',
      'API_TOKEN ::= "Kx9mQ2vL7pR4zT"',
      'settings["secret"] = "Kx9mQ2vL7pR4zT"',
      'password: str = "Kx9mQ2vL7pR4"',
      '[api]\nkey = 3f2a9c1b7e4d8f6a0c5b3e9d1f7a2c4e6b8d0f1a',
      'env:\n  - name: DB_PASSWORD\n    value: "Kx9mQ2vL7pR4"',
      '<add key="ApiKey" value="Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3" />',
      'System.setProperty("javax.net.ssl.keyStorePassword", "Kx9mQ2vL7pR4");',
      "define( 'DB_PASSWORD', 'Kx9#mQ2vL7pR4' );",
      'generic_token,CLOJARS_34bf0e88955ff5a1c328d6a7491acc4f48e865a7b8dd4d70a70749037443,',
      'API_KEY_2=Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3',
      'Passwort: Sommer2024!',
    ],
    noMatch: [
      'password = process.env.DB_PASSWORD',
      'DB_PASSWORD=${DB_PASSWORD}',
      'password: changeme',
      'api_key: "<your-key>"',
      'token = "xxxxxxxxxxxxxxxx"',
      'password: string;',
      'Make sure your password is at least 12 characters long.',
      'password=password=password=password=',
      '"max_tokens": 1024',
      'secret_name = "prod-db-credentials"',
      'PASSWORD=********',
      'publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
      'csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOuxmiW9rhROG/Whikle15syazJOkrjJa3U2AbhIvUw==',
      '"nextPageToken": "CAoQAA7Hq2Rk9Lm4Xv8"',
      'bypass=Kx9mQ2vL7pR4',
      'monkey: Kx9mQ2vL7pR4',
      '[server]\nkey = 3f2a9c1b7e4d8f6a0c5b3e9d1f7a2c4e6b8d0f1a',
      '<entry key="jetbrains.mps.v8_elimination" value="executed" />',
      'token: xoxb-your-bot-token-1234',
      'password: "correct horse battery staple"',
      "__( 'Password', 'my-plugin' )",
      "define( 'DB_PASSWORD', 'password_here' );",
    ],
  },
};
