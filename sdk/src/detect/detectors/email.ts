import type { Detector, Span } from '../types';
import { isAlnum, isDigit, isLower, isUpper } from '../text';
import { isExampleDomain } from '../example-values';
import { maskEmail } from '../mask';
import { inUrlUserinfo } from './password-in-url';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
/** Top-level "domains" that are really file extensions: `logo@2x.png`, `icon@3x.webp`. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'tif', 'tiff', 'avif', 'heic', 'pdf', 'js', 'mjs', 'cjs', 'ts', 'css', 'map', 'json', 'html', 'txt', 'zip', 'gz', 'tgz', 'mp4', 'mov', 'woff', 'woff2', 'ttf']);

function isLocalChar(code: number): boolean {
  return isAlnum(code) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function isDomainChar(code: number): boolean {
  return isAlnum(code) || code === 46 || code === 45;
}

/** Local part back from the `@`, domain forward; labels and TLD checked by hand (no regex backtracking). */
function findEmail(text: string, at: number): Span | null {
  let start = at;
  const minStart = Math.max(0, at - MAX_LOCAL);
  while (start > minStart && isLocalChar(text.charCodeAt(start - 1))) start--;
  while (start < at && (text.charCodeAt(start) === 46 || text.charCodeAt(start) === 45)) start++;
  if (start === at || text.charCodeAt(at - 1) === 46) return null;
  let end = at + 1;
  const maxEnd = Math.min(text.length, at + 1 + MAX_DOMAIN);
  while (end < maxEnd && isDomainChar(text.charCodeAt(end))) end++;
  while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  // Labels: non-empty, at most 63, no leading/trailing hyphen; at least two; TLD of 2–24 letters.
  let labels = 0;
  let labelStart = at + 1;
  let tldLetters = true;
  for (let i = at + 1; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - labelStart;
      if (length === 0 || length > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return null;
      labels++;
      if (i === end && (!tldLetters || length < 2 || length > 24)) return null;
      labelStart = i + 1;
      tldLetters = true;
    } else if (!isLower(c) && !isUpper(c)) {
      tldLetters = false;
    }
  }
  return labels >= 2 ? { start, end } : null;
}

function validEmail(value: string, text: string, span: Span): boolean {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.includes('..') || isExampleDomain(domain)) return false;
  if (FILE_EXTENSIONS.has(domain.slice(domain.lastIndexOf('.') + 1).toLowerCase())) return false;
  // A retina suffix (`@2x.`) is a file name's; a domain label of digits (`test@1337.com`) is fine.
  if (isDigit(domain.charCodeAt(0)) && /^\d+x\./.test(domain)) return false;
  // scp-style git remotes (`git@github.com:org/repo`) are addresses of a server, not a person.
  if (text.charCodeAt(span.end) === 58 && local === 'git') return false;
  // The `password@host` of `scheme://user:password@host` is PASSWORD_IN_URL's, or a placeholder.
  if (inUrlUserinfo(text, span.start)) return false;
  return true;
}

export const email: Detector = {
  id: 'EMAIL',
  category: 'pii',
  description: 'E-mail addresses (RFC 5322 dot-atom subset); not retina file names, package versions or example.com.',
  trigger: { kind: 'at', requires: 'dotted-domain' },
  confidence: 0.95,
  priority: 50,
  find: findEmail,
  validate: validEmail,
  normalise: (value) => value.toLowerCase(),
  mask: maskEmail,
  examples: {
    match: ['Contact jane.doe+billing@acme-corp.co.uk today', 'mailto:R.Okonkwo@globex.io', '"email": "li.wei@bank-of-foo.com"'],
    noMatch: ['logo@2x.png', 'icon@3x.webp', 'deploy@prod-host:~$ ls', 'npm i lodash@4.17.21', 'jane@example.com', 'git@github.com:acme/app.git', 'a@a@a@a@', '@mention'],
  },
};
