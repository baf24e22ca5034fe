import type { Detector, Span } from '../types';
import { emptyAssignment, lastNameWords, parseAssignment } from './assignment';
import { isPlaceholder } from './placeholders';
import { characterClasses, shannonEntropy } from '../validators/randomness';

/** Last words of a name that make its value a secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'authorization', 'pat']);
/** Words before a final `key` that make it a secret key (`api_key`, `signing_key`; not `sort_key`). */
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'auth', 'encryption', 'signing', 'client', 'master', 'app', 'service', 'license', 'session', 'webhook', 'hmac']);

/** Whether an assignment to `name` holds a credential. */
function isSecretName(name: string): boolean {
  const words = lastNameWords(name, 2);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  return last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words[0]!);
}

function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Reused across hits (scans are synchronous, so no two use it at once). */
const assignment = emptyAssignment();

function findSecretAssignment(text: string, anchor: number): Span | null {
  if (!parseAssignment(text, anchor, assignment)) return null;
  const start = assignment.valueStart;
  const end = assignment.valueEnd;
  // Unquoted values in code are mostly expressions (`password: string`, `token = getToken()`).
  // Tested before the name, on the text in place: it is the cheaper test, and it rejects most of
  // a keyword repeated many times (`password=password=…`) without building a string.
  if (!assignment.quoted && !hasDigit(text, start, end) && !(end - start >= 16 && shannonEntropy(text.slice(start, end)) >= 3.5)) return null;
  return isSecretName(text.slice(assignment.nameStart, assignment.nameEnd)) ? { start, end } : null;
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
  trigger: { kind: 'keyword', keywords: ['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'api_key', 'apikey', 'api-key', '_key', 'credential', 'authorization'] },
  confidence: 0.75,
  priority: 20,
  find: findSecretAssignment,
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
