import type { Detector, Span } from '../types';
import { codeAt, isAlnum } from '../text';
import { isPlaceholder } from './placeholders';

const MAX_PASSWORD = 128;
const MAX_USER = 64;

/** Characters of a password or user inside the authority part of a URL. */
function isUserinfoChar(code: number): boolean {
  return code > 32 && code !== 58 && code !== 47 && code !== 64 && code !== 34 && code !== 39 && code !== 60 && code !== 62 && code !== 96;
}

/**
 * From an `@`, walk back over the password to its `:`, then over the user name to `//`, then
 * over the scheme. The finding is the password alone: that is what must not leave.
 */
function findPassword(text: string, at: number): Span | null {
  let i = at - 1;
  const minI = Math.max(0, at - 1 - MAX_PASSWORD);
  while (i >= minI && isUserinfoChar(text.charCodeAt(i))) i--;
  if (i < 0 || text.charCodeAt(i) !== 58 || i === at - 1) return null;
  const passwordStart = i + 1;
  let j = i - 1;
  const minJ = Math.max(0, i - 1 - MAX_USER);
  while (j >= minJ && isUserinfoChar(text.charCodeAt(j))) j--;
  if (j < 2 || text.charCodeAt(j) !== 47 || text.charCodeAt(j - 1) !== 47 || text.charCodeAt(j - 2) !== 58) return null;
  if (j - 3 < 0 || !isAlnum(text.charCodeAt(j - 3))) return null;
  const hostCode = codeAt(text, at + 1);
  if (!(isAlnum(hostCode) || hostCode === 91)) return null;
  return { start: passwordStart, end: at };
}

export const passwordInUrl: Detector = {
  id: 'PASSWORD_IN_URL',
  category: 'secret',
  description: 'The password part of scheme://user:password@host (database URLs, proxies, git remotes).',
  trigger: { kind: 'at', requires: 'colon-before' },
  confidence: 0.9,
  priority: 80,
  find: findPassword,
  validate: (value) => !isPlaceholder(value) && !isPlaceholder(decodeURIComponentSafe(value)),
  examples: {
    match: ['DATABASE_URL=postgres://app:Vq8#mT2xLp@db.prod.internal:5432/orders', 'redis://:s3cr3tR3dis!@cache.acme.io:6379', 'https://deploy:gh7Tq2Wx9@git.acme.io/repo.git'],
    noMatch: [
      'postgres://app:${DB_PASSWORD}@db:5432/orders',
      'postgres://user:password@localhost/db',
      'mysql://root:<password>@host/db',
      'ssh user@host:~$ ls',
      'https://user@example.com/path',
      '://a:://a:://a:@',
    ],
  },
};

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
