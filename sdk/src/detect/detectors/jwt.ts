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

/** The header must decode to a JSON object naming its algorithm; random `eyJ…` text does not. */
function headerHasAlg(value: string): boolean {
  const header = decodeBase64Url(value.slice(0, value.indexOf('.')));
  if (header === null) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export const jwt: Detector = {
  id: 'JWT',
  category: 'secret',
  description: 'JSON Web Token: three base64url segments whose header decodes to JSON with an `alg`.',
  trigger: { kind: 'prefix', prefixes: ['eyJ'] },
  confidence: 0.95,
  priority: 95,
  find: findPrefixedToken(/eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{0,2000}/y),
  validate: headerHasAlg,
  examples: {
    match: [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4MjkxMDQ3IiwibmFtZSI6Ik1hcmEgT2tvbmt3byIsImlhdCI6MTcxNjIzOTAyMn0.Qm7Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1L',
    ],
    noMatch: [
      'eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      'eyJeyJeyJeyJeyJeyJeyJeyJ',
      'data:application/json;base64,eyJuYW1lIjoid2lkZ2V0In0=',
    ],
  },
};
