/**
 * Which names hold a credential: `DB_PASSWORD`, `clientSecret`, `PGPASSWORD`, `x-api-key`,
 * `--registry-password`, `signing_key`, `API_KEY_2`; not `sort_key`, `csrf_token`, `bypass`.
 * Shared by the assignment detector (GENERIC_SECRET, `name = value`) and the command-line option
 * detector (`--password value`). Names are read in place, never copied: this runs at every
 * operator whose value passed its first tests.
 */
import { isAlnum, isDigit } from '../text';

/** Whole last words of a name that make its value a secret (`db_pass`, `userPwd`, `Passwort`). */
const SECRET_WORDS = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'creds',
  'authorization', 'passwort', 'kennwort', 'wachtwoord', 'senha', 'contrasena', 'motdepasse',
];

/**
 * Secret words that also count at the end of a longer word written without a separator
 * (`PGPASSWORD`, `theapikey`, `mysecret`, `dbpwd`): they are long or unusual enough that a word
 * ending with them is one of them. Not `pass` (`bypass`, `compass`) or `token` alone: see
 * {@link RUN_ON_PASS} and {@link NOT_SECRET_QUALIFIERS}.
 */
const RUN_ON_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'creds', 'pwd', 'passwort', 'kennwort'];

/** Run-on words ending in `pass` that name a password (`storepass`, `keypass` of keytool; `dbpass`). */
const RUN_ON_PASS = ['store', 'key', 'keystore', 'truststore', 'db', 'admin', 'root', 'smtp', 'mail', 'ftp', 'sql', 'redis', 'proxy', 'vnc', 'wifi'];

/**
 * Words before a secret word that make it no secret: anti-forgery tokens sent to every browser
 * (`csrf_token`, `__RequestVerificationToken`), public tokens by design, pagination cursors
 * (`nextPageToken`), cancellation tokens, the `io.jsonwebtoken` library.
 */
const NOT_SECRET_QUALIFIERS = ['csrf', 'xsrf', 'public', 'page', 'next', 'continuation', 'cancellation', 'cancel', 'sync', 'pagination', 'verification', 'antiforgery', 'forgery', 'lexer', 'parser', 'jsonweb'];

/** Words before a final `key` that make it a secret key (`api_key`, `signing_key`; not `sort_key`). */
const KEY_QUALIFIERS = ['api', 'secret', 'private', 'access', 'auth', 'encryption', 'signing', 'client', 'master', 'app', 'service', 'license', 'session', 'webhook', 'hmac', 'subscription', 'admin', 'account', 'storage', 'shared'];

/**
 * The last words the prefilter lets through (see the `assignment` trigger): every word a secret
 * name can end with, and `string`, the type in Go's `var apiToken string = …` (see readAssignmentName).
 */
export const SECRET_LAST_WORDS: readonly string[] = [...new Set([...SECRET_WORDS, ...RUN_ON_WORDS, 'pass', 'passe', 'key', 'auth', 'value', 'string'])];

/** How strongly a name says its value is a secret. */
export const NameStrength = {
  None: 0,
  /** `password`, `api_key`: the value needs to look like a secret. */
  Secret: 1,
  /** `user_auth`: often a mode (`auth: basic`), so the value must look random. */
  Weak: 2,
  /** A bare `key` (`[api]\nkey = …`): secret only in a secret-looking section or parent. */
  BareKey: 3,
  /** `value` (`- name: DB_PASSWORD\n  value: …`): secret when its sibling `name`/`key` names a secret. */
  BareValue: 4,
} as const;
export type NameStrength = (typeof NameStrength)[keyof typeof NameStrength];

/** Longer words are never looked up: no secret word or qualifier is this long. */
const MAX_WORD = 16;

/**
 * Lower-case words by length and last letter, looked up with a word of the text compared in
 * place: building a lower-cased string for a set lookup would cost more than the comparison.
 */
class WordList {
  private readonly byShape: (string[] | undefined)[] = [];
  /** The words' lengths, longest first, and their last letters: most names end otherwise, and cost one read. */
  private readonly lengths: readonly number[];
  private readonly lastLetters = new Uint8Array(128);

  constructor(words: readonly string[]) {
    for (const word of words) {
      if (word.length > MAX_WORD || word !== word.toLowerCase()) throw new Error(`word list: "${word}" must be lower case and at most ${MAX_WORD} letters`);
      (this.byShape[word.length * 128 + word.charCodeAt(word.length - 1)] ??= []).push(word);
      this.lastLetters[word.charCodeAt(word.length - 1)] = 1;
    }
    this.lengths = [...new Set(words.map((word) => word.length))].sort((a, b) => b - a);
  }

  /** Whether `text[start, end)`, case-insensitively, is one of the words. */
  has(text: string, start: number, end: number): boolean {
    const length = end - start;
    const last = text.charCodeAt(end - 1) | 0x20;
    if (length <= 0 || length > MAX_WORD || last >= 128) return false;
    const candidates = this.byShape[length * 128 + last];
    if (candidates === undefined) return false;
    for (let i = 0; i < candidates.length; i++) if (equalsFolded(text, start, candidates[i]!)) return true;
    return false;
  }

  /** The length of the longest word `text[start, end)` ends with (case-insensitively), or 0. */
  suffixOf(text: string, start: number, end: number): number {
    const last = text.charCodeAt(end - 1) | 0x20;
    if (end <= start || last >= 128 || this.lastLetters[last] === 0) return 0;
    for (let i = 0; i < this.lengths.length; i++) {
      const length = this.lengths[i]!;
      if (length <= end - start && this.has(text, end - length, end)) return length;
    }
    return 0;
  }
}

/**
 * Whether the text at `start` is `word` (lower-case letters) in any case. `| 0x20` lowers an
 * upper-case ASCII letter and maps no other code unit onto a lower-case letter.
 */
export function equalsFolded(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

const SECRET_WORD_LIST = new WordList(SECRET_WORDS);
const RUN_ON_LIST = new WordList(RUN_ON_WORDS);
const RUN_ON_PASS_LIST = new WordList(RUN_ON_PASS);
const NOT_SECRET_LIST = new WordList(NOT_SECRET_QUALIFIERS);
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
export function wordStart(text: string, end: number, min: number): number {
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

/** The end of the name's last word, past a trailing number (`API_KEY_2`, `token1`), or `start` when it has none. */
function lastWordEnd(text: string, start: number, end: number): number {
  let i = wordEndBefore(text, end, start);
  const beforeDigits = i;
  while (i > start && isDigit(text.charCodeAt(i - 1))) i--;
  if (i === start) return beforeDigits;
  return i === beforeDigits ? i : wordEndBefore(text, i, start);
}

/** Whether the word before `[wordBegin…)` in the name, or the run-on part `[wordBegin, runOnEnd)`, disqualifies it. */
function notSecretBefore(text: string, nameStart: number, wordBegin: number, runOnEnd: number): boolean {
  if (runOnEnd > wordBegin) return NOT_SECRET_LIST.suffixOf(text, wordBegin, runOnEnd) > 0;
  const previousEnd = wordEndBefore(text, wordBegin, nameStart);
  return previousEnd > nameStart && NOT_SECRET_LIST.has(text, wordStart(text, previousEnd, nameStart), previousEnd);
}

/**
 * How strongly the name `[start, end)` of `text` says its value is a credential, by its last
 * word: a secret word (`DB_PASSWORD`, `clientSecret`), one run on to a longer word
 * (`PGPASSWORD`), `key` after a qualifier (`signing_key`, `SECRETKEY`), `auth`, or a bare
 * `key`/`value` whose context decides.
 */
export function nameStrength(text: string, start: number, end: number): NameStrength {
  const lastEnd = lastWordEnd(text, start, end);
  if (lastEnd === start) return NameStrength.None;
  const lastStart = wordStart(text, lastEnd, start);
  if (SECRET_WORD_LIST.has(text, lastStart, lastEnd)) return notSecretBefore(text, start, lastStart, lastStart) ? NameStrength.None : NameStrength.Secret;
  const runOn = RUN_ON_LIST.suffixOf(text, lastStart, lastEnd);
  if (runOn > 0) return notSecretBefore(text, start, lastStart, lastEnd - runOn) ? NameStrength.None : NameStrength.Secret;
  const length = lastEnd - lastStart;
  if (length > 4 && equalsFolded(text, lastEnd - 4, 'pass') && RUN_ON_PASS_LIST.has(text, lastStart, lastEnd - 4)) return NameStrength.Secret;
  if (length === 4 && equalsFolded(text, lastStart, 'auth')) return NameStrength.Weak;
  if (length === 5 && equalsFolded(text, lastStart, 'value')) return lastStart === start ? NameStrength.BareValue : NameStrength.None;
  if (length === 5 && equalsFolded(text, lastStart, 'passe')) return afterMotDe(text, start, lastStart) ? NameStrength.Secret : NameStrength.None;
  if (length < 3 || !equalsFolded(text, lastEnd - 3, 'key')) return NameStrength.None;
  // `SECRETKEY`, `privatekey`: a qualifier run on to `key`.
  if (length > 3) return KEY_QUALIFIER_LIST.suffixOf(text, lastStart, lastEnd - 3) > 0 ? NameStrength.Secret : NameStrength.None;
  const qualifierEnd = wordEndBefore(text, lastStart, start);
  if (qualifierEnd === start) return lastStart === start ? NameStrength.BareKey : NameStrength.None;
  return KEY_QUALIFIER_LIST.has(text, wordStart(text, qualifierEnd, start), qualifierEnd) ? NameStrength.Secret : NameStrength.None;
}

/** French `mot de passe` (`mot_de_passe`, or `mot de passe :` with spaces before the name). */
function afterMotDe(text: string, nameStart: number, passeStart: number): boolean {
  const before = passeStart - 7;
  if (before < 0) return false;
  const separator = (c: number): boolean => c === 32 || c === 95 || c === 45;
  return (
    equalsFolded(text, before, 'mot') && separator(text.charCodeAt(before + 3)) && equalsFolded(text, before + 4, 'de') && separator(text.charCodeAt(before + 6)) &&
    (before >= nameStart || passeStart === nameStart)
  );
}

/** Whether a name (an INI section, a YAML or JSON parent key) says the keys under it are credentials: `[api]`, `stripe:`, `"auth": {`. */
export function isSecretSection(text: string, start: number, end: number): boolean {
  for (let wordEnd = end; wordEnd > start; ) {
    const wordEndAt = wordEndBefore(text, wordEnd, start);
    if (wordEndAt === start) return false;
    const begin = wordStart(text, wordEndAt, start);
    if (KEY_QUALIFIER_LIST.has(text, begin, wordEndAt) || SECRET_WORD_LIST.has(text, begin, wordEndAt) || RUN_ON_LIST.suffixOf(text, begin, wordEndAt) > 0) return true;
    wordEnd = begin;
  }
  return false;
}
