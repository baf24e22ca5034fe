import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt, isAlnum } from '../text';
import { isPlaceholder } from './placeholders';

/** Longest userinfo (`user:password`) read back from an `@`. */
const MAX_USERINFO = 192;
/** Longest authority read on from the first `@` to the last one (a password holding `@`). */
const MAX_AUTHORITY = 128;

/**
 * Characters of a URL's userinfo as people write it: unreserved and sub-delims, `%`, and the `:`
 * and `@` that RFC 3986 wants encoded but pasted passwords hold raw (`P@ss:w0rd`). Not `/`,
 * whitespace, quotes or angle brackets, which end a URL in text.
 */
function isUserinfoChar(code: number): boolean {
  return code > 32 && code !== 47 && code !== 34 && code !== 39 && code !== 60 && code !== 62 && code !== 96 && code !== 92 && code < 127;
}

/** Characters of an authority after the userinfo: the host and port up to the path, query or fragment. */
function isAuthorityChar(code: number): boolean {
  return isUserinfoChar(code) && code !== 63 && code !== 35;
}

/** Whether `scheme://` ends right before `index`. */
function schemeBefore(text: string, index: number): boolean {
  return index >= 4 && text.charCodeAt(index - 1) === 47 && text.charCodeAt(index - 2) === 47 && text.charCodeAt(index - 3) === 58 && isAlnum(text.charCodeAt(index - 4));
}

/**
 * Whether `index` sits in the userinfo of a URL (`scheme://user:pass@…`), looking back at most
 * 64 characters. Shared with EMAIL, which must not read `password@host` as an address.
 */
export function inUrlUserinfo(text: string, index: number): boolean {
  let i = index;
  const min = Math.max(0, index - 64);
  while (i > min && isUserinfoChar(text.charCodeAt(i - 1))) i--;
  return schemeBefore(text, i);
}

/**
 * The start of the run of userinfo characters ending at the `@` at `at`. Anchors reach the
 * detector in increasing order, and a run may hold thousands of them (`a:b@a:b@…`): the run
 * reaching back to the previous anchor is the same run, so each character is read once per scan.
 */
interface RunMemo {
  anchor: number;
  runStart: number;
}

const RUN: ScanSlot<RunMemo> = scanSlot(() => ({ anchor: -1, runStart: -1 }));

function userinfoRunStart(text: string, at: number, context: ScanContext): number {
  const memo = context.get(RUN);
  const previous = memo.anchor >= 0 && memo.anchor < at ? memo.anchor : -1;
  let i = at - 1;
  while (i > previous && isUserinfoChar(text.charCodeAt(i))) i--;
  const runStart = previous >= 0 && i === previous ? memo.runStart : i + 1;
  memo.anchor = at;
  memo.runStart = runStart;
  return runStart;
}

/**
 * GitHub's token-as-user convention (`https://<token>:x-oauth-basic@github.com`): the password
 * is a fixed word and the user name is the credential.
 */
const TOKEN_AS_USER = /^x-oauth-(?:basic|token)$/i;

/**
 * From the first `@` after a `user:` (the prefilter's condition), back over the userinfo to
 * `scheme://`, and on to the authority's last `@`, which ends the userinfo the way URL parsers
 * read it (`postgres://app:P@ssw0rd!@db`). The finding is the password alone, that is what must
 * not leave; or the user name where the password is only `x-oauth-basic`.
 */
function findPassword(text: string, at: number, context: ScanContext): Span | null {
  const start = userinfoRunStart(text, at, context);
  if (at - start > MAX_USERINFO || !schemeBefore(text, start)) return null;
  let lastAt = at;
  const max = Math.min(text.length, at + 1 + MAX_AUTHORITY);
  for (let j = at + 1; j < max; j++) {
    const c = text.charCodeAt(j);
    if (!isAuthorityChar(c) || c === 47) break;
    if (c === 64) lastAt = j;
  }
  const hostCode = codeAt(text, lastAt + 1);
  if (!(isAlnum(hostCode) || hostCode === 91)) return null;
  let colon = start;
  while (colon < lastAt && text.charCodeAt(colon) !== 58) colon++;
  if (colon >= lastAt - 1) return null;
  if (TOKEN_AS_USER.test(text.slice(colon + 1, lastAt))) return { start, end: colon };
  return { start: colon + 1, end: lastAt };
}

/** Hosts of the developer's own machine, where a user name repeated as its password (`postgres:postgres@localhost`) is a local default. */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)(?:[:/?#]|$)/i;

function validPassword(value: string, text: string, span: Span): boolean {
  if (isPlaceholder(value) || isPlaceholder(decodeURIComponentSafe(value))) return false;
  if (text.charCodeAt(span.start - 1) !== 58) return true;
  // `user:user@localhost`: a default from a tutorial or a compose file, not a leaked password.
  const user = text.slice(text.lastIndexOf('/', span.start) + 1, span.start - 1);
  return user.toLowerCase() !== value.toLowerCase() || !LOCAL_HOST.test(text.slice(span.end + 1, span.end + 32));
}

export const passwordInUrl: Detector = {
  id: 'PASSWORD_IN_URL',
  category: 'secret',
  description: 'The password part of scheme://user:password@host (database URLs, proxies, git remotes), or the token in https://<token>:x-oauth-basic@host.',
  trigger: { kind: 'at', requires: 'colon-before' },
  confidence: 0.9,
  priority: 80,
  find: findPassword,
  validate: validPassword,
  examples: {
    match: [
      'DATABASE_URL=postgres://app:Vq8#mT2xLp@db.prod.internal:5432/orders',
      'redis://:s3cr3tR3dis!@cache.acme.io:6379',
      'https://deploy:gh7Tq2Wx9@git.acme.io/repo.git',
      'postgres://app:P@ssw0rd!@db.acme-corp.com:5432/orders',
      'git clone https://9f86d081884c7d659a2feaa0c55ad015a3bf4f1b:x-oauth-basic@github.com/acme/app.git',
      'postgres://postgres:Kx9mQ2vL7pR4@localhost:5432/app',
    ],
    noMatch: [
      'postgres://app:${DB_PASSWORD}@db:5432/orders',
      'postgres://user:password@localhost/db',
      'mysql://root:<password>@host/db',
      'mongodb://{USER}:{PASS}@cluster0.acme.io/db',
      'postgres://postgres:postgres@localhost:5432/db',
      'amqp://%s:%s@%s:5672/',
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
