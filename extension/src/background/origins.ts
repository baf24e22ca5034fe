/**
 * Which page origins the bridge serves: the built-in demo origins (any port on localhost), the
 * employee's own additions and IT's managed list. Pure: parsing and matching only.
 */

/** Always allowed (the manifest's static content script): the demo app on any local port. */
export const BUILTIN_ORIGIN_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'] as const;
export const BUILTIN_HOSTS = ['localhost', '127.0.0.1'] as const;

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
    return url.protocol === 'http:' && (BUILTIN_HOSTS as readonly string[]).includes(url.hostname);
  } catch {
    return false;
  }
}

/** The trust decision for a sender's origin: built-in, or listed exactly (scheme, host and port). */
export function isAllowedOrigin(origin: string, listed: readonly string[]): boolean {
  return isBuiltinOrigin(origin) || listed.includes(origin);
}
