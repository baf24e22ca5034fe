/**
 * Host names: is a destination internal (loopback, private ranges, the organisation's own hosts),
 * and does a host match a pattern such as `*.openai.azure.com`.
 */

/** True when `host` equals `pattern`, or `pattern` is `*.suffix` and `host` ends with `.suffix`. Case-insensitive. */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return h === p;
}

const INTERNAL_SUFFIXES = ['.local', '.internal', '.localhost', '.lan', '.home.arpa'];

/** Loopback, RFC 1918, CGNAT, link-local, IPv6 ULA/link-local, `localhost` and internal TLDs, plus `internalHosts`. */
export function isInternalHost(host: string, internalHosts: readonly string[] = []): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (internalHosts.some((pattern) => hostMatches(h, pattern))) return true;
  if (h === 'localhost' || INTERNAL_SUFFIXES.some((suffix) => h.endsWith(suffix))) return true;
  const v4 = parseIPv4(h);
  if (v4) return isPrivateIPv4(v4);
  if (h.includes(':')) return isPrivateIPv6(h);
  // A single-label name (`llm-gateway`) only resolves on a local network.
  return !h.includes('.');
}

function parseIPv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : undefined;
}

function isPrivateIPv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function isPrivateIPv6(host: string): boolean {
  if (host === '::1' || host === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped?.[1]) {
    const v4 = parseIPv4(mapped[1]);
    return v4 ? isPrivateIPv4(v4) : false;
  }
  // fc00::/7 unique local, fe80::/10 link-local.
  return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}
