/// <reference types="vite/client" />
/**
 * Which page origins the bridge serves: the built-in demo origins (any port on localhost, demo
 * build only), the employee's own additions and IT's managed list. Pure: parsing and matching only.
 */

/** The demo app's pages, on any local port. */
export const DEMO_ORIGIN_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

/**
 * Trusted without being listed (the manifest's static content script): the demo's origins in the
 * demo build (`npm run build`, which the demo and the end-to-end tests load); none in the release
 * build (`npm run package`, vite.config.ts sets `OUTFLOW_RELEASE`), where IT's managed list and the
 * employee's own additions are the only origins an employee's browser trusts.
 */
export const BUILTIN_ORIGIN_PATTERNS: readonly string[] = import.meta.env?.OUTFLOW_RELEASE ? [] : DEMO_ORIGIN_PATTERNS;
const BUILTIN_HOSTS: readonly string[] = BUILTIN_ORIGIN_PATTERNS.map((pattern) => new URL(pattern.replace('/*', '')).hostname);

/**
 * Normalises what a person typed (`app.example.com`, `https://app.example.com/path`) to an origin,
 * or explains why it cannot be one. Only http(s): the bridge has no business on other schemes.
 */
export function parseOrigin(input: string): { origin: string } | { error: string } {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { error: `"${trimmed}" is not a web address.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'Only http:// and https:// origins can be allowed.' };
  if (url.username || url.password) return { error: 'An origin has no user name or password.' };
  if (url.hostname.includes('*')) return { error: 'Wildcards are not supported: add each origin.' };
  return { origin: url.origin };
}

/** The match pattern of an origin (match patterns ignore ports: the background checks them). */
export function matchPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export function isBuiltinOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && BUILTIN_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/** The trust decision for a sender's origin: built-in, or listed exactly (scheme, host and port). */
export function isAllowedOrigin(origin: string, listed: readonly string[]): boolean {
  return isBuiltinOrigin(origin) || listed.includes(origin);
}
