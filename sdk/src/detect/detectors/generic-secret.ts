import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { isExampleValue } from '../example-values';
import { emptyAssignment, readAssignmentName, readAssignmentValue } from './assignment';
import { isPlaceholder } from './placeholders';
import { characterClasses, shannonEntropy } from '../validators/randomness';

/** Last words of a name that make its value a secret. */
const SECRET_WORDS = ['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'authorization', 'pat'];
/** Words before a final `key` that make it a secret key (`api_key`, `signing_key`; not `sort_key`). */
const KEY_QUALIFIERS = ['api', 'secret', 'private', 'access', 'auth', 'encryption', 'signing', 'client', 'master', 'app', 'service', 'license', 'session', 'webhook', 'hmac'];
/** The last words that can make a secret name; the prefilter checks their last three letters. */
const LAST_WORDS = [...SECRET_WORDS, 'key'];

/**
 * Lower-case words by length, looked up with a word of the text compared in place: this runs
 * at every operator after a name, and building a lower-cased string for a set lookup costs more
 * than the few comparisons.
 */
class WordList {
  private readonly byLength: string[][] = [];

  constructor(words: readonly string[]) {
    for (const word of words) (this.byLength[word.length] ??= []).push(word);
  }

  /** Whether `text[start, end)`, case-insensitively, is one of the words. */
  has(text: string, start: number, end: number): boolean {
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return false;
    for (const word of candidates) if (equalsFolded(text, start, word)) return true;
    return false;
  }
}

/**
 * Whether the text at `start` is `word` (lower-case letters) in any case. `| 0x20` lowers an
 * upper-case ASCII letter and maps no other code unit onto a lower-case letter.
 */
function equalsFolded(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

const SECRET_WORD_LIST = new WordList(SECRET_WORDS);
const KEY_QUALIFIER_LIST = new WordList(KEY_QUALIFIERS);

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A camelCase boundary: an upper-case letter after a lower-case letter or a digit (`secretKey`, `v2Token`). */
function camelBoundary(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const prev = text.charCodeAt(index - 1);
  return code >= 65 && code <= 90 && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57));
}

/** The end of the last word ending at or before `end`, not before `min` (`min` when there is none). */
function wordEndBefore(text: string, end: number, min: number): number {
  let i = end;
  while (i > min && !isAsciiAlnum(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * The start of the word ending at `end`: words are split at camelCase boundaries and at any
 * character other than a letter or digit (`awsSecretAccessKey` ends with `Key`).
 */
function wordStart(text: string, end: number, min: number): number {
  let start = end - 1;
  while (start > min && isAsciiAlnum(text.charCodeAt(start - 1)) && !camelBoundary(text, start)) start--;
  return start;
}

/**
 * Whether an assignment to the name `[start, end)` of `text` holds a credential, by its last
 * words (`DB_PASSWORD`, `clientSecret`, `signing_key`; not `sort_key`).
 */
function isSecretName(text: string, start: number, end: number): boolean {
  const lastEnd = wordEndBefore(text, end, start);
  if (lastEnd === start) return false;
  const lastStart = wordStart(text, lastEnd, start);
  if (SECRET_WORD_LIST.has(text, lastStart, lastEnd)) return true;
  if (lastEnd - lastStart !== 3 || !equalsFolded(text, lastStart, 'key')) return false;
  const qualifierEnd = wordEndBefore(text, lastStart, start);
  return qualifierEnd > start && KEY_QUALIFIER_LIST.has(text, wordStart(text, qualifierEnd, start), qualifierEnd);
}

function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Reused across operators (scans are synchronous, so no two use it at once). */
const assignment = emptyAssignment();

/**
 * Where the last value this scan read ends. Values are read forwards from their operator, and an
 * unquoted one may hold further `name:` operators (`password:password:…`): those inside a value
 * already read are not assignments of their own, so every character is read by one value at
 * most and a flood of assignments costs linear time.
 */
const READ_UNTIL: ScanSlot<{ end: number }> = scanSlot(() => ({ end: -1 }));

/**
 * The value of a secret-named assignment whose operator is at `op`, when it looks like a real
 * secret or is a documented example value (which the scanner then silences). The name is
 * checked first, in place: only a secret name's value is read, so only a secret name's value
 * hides the operators inside it.
 */
function findSecretAssignment(text: string, op: number, context: ScanContext): Span | null {
  const read = context.get(READ_UNTIL);
  if (op < read.end || !readAssignmentName(text, op, assignment) || !isSecretName(text, assignment.nameStart, assignment.nameEnd)) return null;
  if (!readAssignmentValue(text, op, assignment)) return null;
  const start = assignment.valueStart;
  const end = assignment.valueEnd;
  read.end = end;
  // Unquoted values in code are mostly expressions (`password: string`, `token = getToken()`).
  // Tested on the text in place: most values fail here, and no string is built.
  if (!assignment.quoted && !hasDigit(text, start, end) && !(end - start >= 16 && shannonEntropy(text.slice(start, end)) >= 3.5)) return null;
  const value = text.slice(start, end);
  return isExampleValue(value) || looksLikeSecretValue(value) ? { start, end } : null;
}

/** Plausibility of the value itself: long enough, mixed enough, not a reference, path, URL or number. */
function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value)) return false;
  if (/^[\d\s.,:+-]+$/.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/|https?:|[A-Za-z]:\\)/.test(value) || value.includes('://')) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(.*)?$/.test(value) || /^\w+\(/.test(value)) return false;
  if (/\s/.test(value.trim()) && !/\d/.test(value)) return false;
  return characterClasses(value) >= 2 || (value.length >= 16 && shannonEntropy(value) >= 3.5);
}

export const genericSecret: Detector = {
  id: 'GENERIC_SECRET',
  category: 'secret',
  description: 'The value of a password/secret/token/api_key assignment in code, config, .env, JSON or headers, when it looks like a real secret.',
  trigger: { kind: 'assignment', lastWords: LAST_WORDS },
  confidence: 0.75,
  priority: 20,
  // The value checks run in `find`, which must know a value was rejected to skip what it covers.
  find: findSecretAssignment,
  examples: {
    match: [
      'DB_PASSWORD=Vq8mT2xLp9Rw',
      '{"api_key": "c7f3a9e1b2d84f6a9c0e5b3d7f1a2c4e"}',
      'password: "Summer2024!"',
      'const clientSecret = "R8x2-Lq9VbN4mZt7YwK1";',
      'x-api-key: 7Hq2Rk9Lm4Xv8Bn6Tz1W',
      'Authorization: Bearer 7Hq2Rk9Lm4Xv8Bn6Tz1W',
      'curl -H "Authorization: Basic dXNlcjpQNHNzdzByZCE="',
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
    ],
  },
};
