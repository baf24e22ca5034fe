import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';

/** Decodes one base64url segment to text; null when it is not valid base64url. */
function decodeBase64Url(segment: string): string | null {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  try {
    return atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return null;
  }
}

/**
 * The header must decode to a JSON object naming its algorithm (`none` included: an unsigned
 * token still carries its claims), and the payload to a JSON object (`e30` is `{}`): random
 * `eyJ…` text does neither. A header that names `"alg"` and closes its object but does not parse
 * (tokens hand-edited in tutorials and test suites) still counts; a truncated one does not. A
 * token without its signature part (`header.payload`) counts when both parts are JSON objects.
 */
function isJwt(value: string): boolean {
  const firstDot = value.indexOf('.');
  const secondDot = value.indexOf('.', firstDot + 1);
  const header = decodeBase64Url(value.slice(0, firstDot));
  const payload = decodeBase64Url(value.slice(firstDot + 1, secondDot < 0 ? value.length : secondDot));
  if (header === null || payload === null || !/^\s*\{/.test(payload)) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string';
  } catch {
    return /^\s*\{[^]*"alg"\s*:[^]*\}\s*$/.test(header);
  }
}

export const jwt: Detector = {
  id: 'JWT',
  category: 'secret',
  description: 'JSON Web Token: three base64url segments whose header decodes to JSON with an `alg` (unsigned `alg: none` tokens with an empty signature too) and whose payload is a JSON object.',
  trigger: { kind: 'prefix', prefixes: ['eyJ'] },
  confidence: 0.95,
  priority: 95,
  find: findPrefixedToken(/eyJ[A-Za-z0-9_-]{8,2000}\.(?:[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}|eyJ[A-Za-z0-9_-]{2,8000})/y),
  validate: isJwt,
  examples: {
    match: [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4MjkxMDQ3IiwibmFtZSI6Ik1hcmEgT2tvbmt3byIsImlhdCI6MTcxNjIzOTAyMn0.Qm7Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1L',
      'unsigned: eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.',
      'eyJhbGciOiJub25lIn0.e30.',
      'eyJhbGciOieeeiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.a_5icKBDo-8EjUlrfvz2k2k-FYaindQ0DEYNrlsnRG0==',
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm9lIiwKInN0YXR1cyI6ImVtcGxveWVlIgp9',
    ],
    noMatch: [
      'eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      'eyJeyJeyJeyJeyJeyJeyJeyJ',
      'data:application/json;base64,eyJuYW1lIjoid2lkZ2V0In0=',
      'eyJhbGciOiJIUzI1NiJ9.c29tZSB0ZXh0IGhlcmU.c2lnbmF0dXJl',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
  },
};
