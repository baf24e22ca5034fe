/**
 * Parsing of `name <op> value` assignments around a keyword hit, for code, config, .env, YAML,
 * JSON and HTTP headers: `DB_PASSWORD=…`, `"apiKey": "…"`, `password: …`, `x-api-key: …`,
 * `Authorization: Bearer …`. Every walk is bounded, so a keyword repeated a million times costs
 * a constant amount per hit.
 */
import type { Span } from '../types';

const MAX_NAME = 64;
const MAX_VALUE = 256;

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
}

export interface Assignment {
  /** The key, e.g. `DB_PASSWORD`, `apiKey`, `x-api-key`. */
  readonly name: string;
  /** The value's span (without quotes). */
  readonly value: Span;
  /** Whether the value was quoted: unquoted values are more often code (`password: string`). */
  readonly quoted: boolean;
}

/** True when the `=` at `index` starts a run of `=` that ends the token. */
function isPaddingEnd(text: string, index: number): boolean {
  let i = index;
  while (text.charCodeAt(i) === 61) i++;
  const c = text.charCodeAt(i);
  return !(isNameChar(c) || c === 43 || c === 47);
}

/** Splits an identifier into lower-case words: `awsSecretAccessKey` → aws, secret, access, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Parses the assignment whose name contains `anchor`; null when there is none. */
export function parseAssignment(text: string, anchor: number): Assignment | null {
  let nameStart = anchor;
  const minStart = Math.max(0, anchor - MAX_NAME);
  while (nameStart > minStart && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let i = anchor;
  const maxName = Math.min(text.length, anchor + MAX_NAME);
  while (i < maxName && isNameChar(text.charCodeAt(i))) i++;
  const name = text.slice(nameStart, i);
  // Closing quote of a JSON/YAML key, then spaces, then the operator.
  const quoteOpen = text.charCodeAt(nameStart - 1);
  if ((quoteOpen === 34 || quoteOpen === 39) && text.charCodeAt(i) === quoteOpen) i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const op = text.charCodeAt(i);
  if (op === 58) {
    i++;
    if (text.charCodeAt(i) === 61) i++;
  } else if (op === 61) {
    i++;
    while (text.charCodeAt(i) === 61) i++;
    if (text.charCodeAt(i) === 62) i++;
  } else {
    return null;
  }
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  // HTTP auth schemes carry the credential after one word.
  const scheme = /^(?:Bearer|Basic|Token|Bot) /y;
  scheme.lastIndex = i;
  if (scheme.test(text)) i = scheme.lastIndex;
  const quote = text.charCodeAt(i);
  if (quote === 34 || quote === 39 || quote === 96) {
    const start = i + 1;
    const maxEnd = Math.min(text.length, start + MAX_VALUE);
    let end = start;
    while (end < maxEnd && text.charCodeAt(end) !== quote && text.charCodeAt(end) !== 10) end++;
    if (text.charCodeAt(end) !== quote || end === start) return null;
    return { name, value: { start, end }, quoted: true };
  }
  const start = i;
  const maxEnd = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < maxEnd) {
    const c = text.charCodeAt(end);
    // Whitespace, quotes, separators and closers end an unquoted value.
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 44 || c === 59 || c === 41 || c === 125 || c === 93 || c === 60 || c === 62) break;
    // `=` belongs to a value only as base64 padding; `a=b=c` is a chain of assignments.
    if (c === 61 && !isPaddingEnd(text, end)) break;
    end++;
  }
  // A sentence's full stop is not part of the value.
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
  return end > start ? { name, value: { start, end }, quoted: false } : null;
}
