import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt, isAlnum } from '../text';
import { emptyAssignment, readAssignmentName, readAssignmentValue } from './assignment';
import { isPlaceholder } from './placeholders';
import { characterClasses, shannonEntropy } from '../validators/randomness';

/**
 * Last words of a name that make its value a secret. Not `pat`: a GitHub token's name, but in
 * code mostly a pattern (`pat = "^\\d{3}$"`); GITHUB_TOKEN finds such tokens by their prefix.
 */
const SECRET_WORDS = ['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'authorization'];
/** Words before a final `key` that make it a secret key (`api_key`, `signing_key`; not `sort_key`). */
const KEY_QUALIFIERS = ['api', 'secret', 'private', 'access', 'auth', 'encryption', 'signing', 'client', 'master', 'app', 'service', 'license', 'session', 'webhook', 'hmac'];
/** The last words that can make a secret name; the prefilter checks the name ends with one of them. */
const LAST_WORDS = [...SECRET_WORDS, 'key'];

/**
 * Lower-case words by length and last letter, looked up with a word of the text compared in
 * place: this runs at every operator after a name, and building a lower-cased string for a set
 * lookup costs more than the comparison.
 */
class WordList {
  /** By {@link shapeKey}: a plain array, read at every operator where a map would hash. */
  private readonly byShape: (string[] | undefined)[] = [];

  constructor(words: readonly string[]) {
    for (const word of words) {
      if (word.length > MAX_WORD || word !== word.toLowerCase()) throw new Error(`word list: "${word}" must be lower case and at most ${MAX_WORD} letters`);
      (this.byShape[shapeKey(word.length, word.charCodeAt(word.length - 1))] ??= []).push(word);
    }
  }

  /** Whether `text[start, end)`, case-insensitively, is one of the words. */
  has(text: string, start: number, end: number): boolean {
    const length = end - start;
    const last = text.charCodeAt(end - 1) | 0x20;
    if (length > MAX_WORD || last >= 128) return false;
    const candidates = this.byShape[shapeKey(length, last)];
    if (candidates === undefined) return false;
    for (let i = 0; i < candidates.length; i++) if (equalsFolded(text, start, candidates[i]!)) return true;
    return false;
  }
}

/** Longer words are never looked up: no secret word or key qualifier is this long. */
const MAX_WORD = 16;

function shapeKey(length: number, lastCode: number): number {
  return length * 128 + lastCode;
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

/** The end of the last word ending at or before `end`, not before `min` (`min` when there is none). */
function wordEndBefore(text: string, end: number, min: number): number {
  let i = end;
  while (i > min && !isAlnum(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * The start of the word ending at `end`, not before `min`: words are split at camelCase
 * boundaries (an upper-case letter after a lower-case letter or a digit) and at any character
 * other than a letter or digit (`awsSecretAccessKey` ends with `Key`).
 */
function wordStart(text: string, end: number, min: number): number {
  let start = end - 1;
  let code = text.charCodeAt(start);
  while (start > min) {
    const previous = text.charCodeAt(start - 1);
    if (!isAlnum(previous) || (code >= 65 && code <= 90 && !(previous >= 65 && previous <= 90))) break;
    start--;
    code = previous;
  }
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
 * a long unquoted value, and one chained onto a value (`a=b=c`). A long unquoted value may hold further `name:` operators
 * (`password:password:…`, up to the 256-character limit), each of which would read most of it
 * again; in a chain each `=` would start another assignment. Neither is an assignment of its
 * own, so a flood of assignments costs linear time and half the reads. Short values are cheap to
 * read again, and a quoted value ends at its quote, so neither hides the operators inside it
 * (`"description": "db password: …"` still has its password read).
 */
const READ_UNTIL: ScanSlot<{ end: number }> = scanSlot(() => ({ end: -1 }));
const LONG_VALUE = 32;

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
  if (!assignment.quoted && (end - start >= LONG_VALUE || chainedAt(text, end))) read.end = end + 1;
  // Unquoted values in code are mostly expressions (`password: string`, `token = getToken()`).
  if (!assignment.quoted && !hasDigit(text, start, end) && !(end - start >= 16 && looksRandomInPlace(text, start, end))) return null;
  if (!readAssignmentName(text, op, assignment) || !isSecretName(text, assignment.nameStart, assignment.nameEnd)) return null;
  return { start, end };
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
  find: findSecretAssignment,
  resumeAt: (context) => context.get(READ_UNTIL).end,
  validate: looksLikeSecretValue,
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
