/**
 * Host names as Outflow compares them. Both sides are normalised first (lower case, no trailing
 * dot, international names as punycode), then a pattern is matched label by label: a wildcard
 * never spans a dot, so `*.bedrock-runtime.*` cannot stretch over `x.bedrock-runtime.attacker-exfil.net`
 * and `api.openai.com.` is `api.openai.com`.
 */

const NON_ASCII = /[^\x00-\x7f]/;
/** The full stops IDNA maps to `.` (ideographic, fullwidth, halfwidth ideographic). */
const IDN_DOTS = /[\u3002\uff0e\uff61]/g;

/**
 * `API.OpenAI.com.` → `api.openai.com`, `bücher.example` → `xn--bcher-kva.example`. A URL's
 * `hostname` is already lower-case punycode; what it keeps is the trailing dot of a
 * fully-qualified name, which resolves to the same host.
 */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (NON_ASCII.test(h)) h = h.replace(IDN_DOTS, '.').split('.').map(labelToAscii).join('.');
  let end = h.length;
  while (end > 0 && h.charCodeAt(end - 1) === 46) end--;
  return end === h.length ? h : h.slice(0, end);
}

/** IDNA ToASCII of one label, by the platform's URL parser (browsers and Node alike); a label it refuses is kept as written, and then matches nothing real. */
function labelToAscii(label: string): string {
  if (!NON_ASCII.test(label)) return label;
  try {
    return new URL(`http://${label}/`).hostname;
  } catch {
    return label;
  }
}

/**
 * A pattern's labels, right to left. A label is literal, or holds `*` (one or more characters
 * inside that label: `*-aiplatform`), or is `{region}` (an AWS region name: `us-east-1`,
 * `us-gov-west-1`, `eusc-de-east-1`). A leading `*.` stands for one or more labels.
 */
interface HostPattern {
  readonly labels: readonly string[];
  readonly anySubdomain: boolean;
}

/** `us-east-1`, `ap-southeast-7`, `us-gov-west-1`, `us-isob-east-1`, `eusc-de-east-1` — never `s3` or `execute-api`. */
const AWS_REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

const compiled = new Map<string, HostPattern>();
const MAX_COMPILED = 512;

function compile(pattern: string): HostPattern {
  let found = compiled.get(pattern);
  if (found) return found;
  const normalised = normaliseHost(pattern);
  const anySubdomain = normalised.startsWith('*.');
  found = { labels: (anySubdomain ? normalised.slice(2) : normalised).split('.').reverse(), anySubdomain };
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(pattern, found);
  return found;
}

/** Per pattern list, the answers already found: apps call a handful of hosts over and over. */
const remembered = new WeakMap<readonly string[], Map<string, number>>();
const MAX_REMEMBERED_HOSTS = 256;

/**
 * The index of the first of `patterns` that names `host`, or -1. A pattern names the same host
 * (`api.openai.com`), or for `*.suffix` any host one or more labels below `suffix`; case, a
 * trailing dot and IDN spelling are ignored on both sides.
 */
export function findHostPattern(host: string, patterns: readonly string[]): number {
  if (patterns.length === 0) return -1;
  const h = normaliseHost(host);
  let answers = remembered.get(patterns);
  if (!answers) remembered.set(patterns, (answers = new Map()));
  let index = answers.get(h);
  if (index === undefined) {
    const labels = labelsOf(h);
    index = patterns.findIndex((pattern) => labelsMatch(labels, compile(pattern)));
    if (answers.size >= MAX_REMEMBERED_HOSTS) answers.clear();
    answers.set(h, index);
  }
  return index;
}

function labelsOf(normalisedHost: string): string[] {
  return normalisedHost.split('.').reverse();
}

function labelsMatch(hostLabels: readonly string[], { labels, anySubdomain }: HostPattern): boolean {
  if (anySubdomain ? hostLabels.length <= labels.length : hostLabels.length !== labels.length) return false;
  for (let i = 0; i < labels.length; i++) if (!labelMatches(hostLabels[i]!, labels[i]!)) return false;
  return true;
}

function labelMatches(label: string, pattern: string): boolean {
  if (pattern === '{region}') return AWS_REGION.test(label);
  return pattern.includes('*') ? globMatches(label, pattern) : label === pattern;
}

/** `*` matches one or more characters of one label; leftmost-first matching is linear and exact for `*`-only globs. */
function globMatches(label: string, pattern: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!label.startsWith(first)) return false;
  let position = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    // Each `*` swallows at least one character.
    const found = label.indexOf(parts[i]!, position + 1);
    if (found < 0) return false;
    position = found + parts[i]!.length;
  }
  return label.length - last.length > position && label.endsWith(last);
}

const INTERNAL_SUFFIXES = ['.local', '.internal', '.localhost', '.lan', '.home.arpa'];

/** Loopback, RFC 1918, CGNAT, link-local, IPv6 ULA/link-local, `localhost` and internal TLDs, plus `internalHosts`. */
export function isInternalHost(host: string, internalHosts: readonly string[] = []): boolean {
  const h = normaliseHost(host).replace(/^\[|\]$/g, '');
  if (findHostPattern(h, internalHosts) >= 0) return true;
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
