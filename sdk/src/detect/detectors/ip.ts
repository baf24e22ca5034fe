/** IPv4/IPv6 parsing and classification shared by IP_ADDRESS and INTERNAL_IP. */
import type { Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt, isAlnum, isHex, stickyEnd } from '../text';
import { endsNumber } from './digit-groups';
import { textBefore } from './helpers';

export type IpClass = 'public' | 'internal' | 'ignored';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`${OCTET}(?:\\.${OCTET}){3}`, 'y');
/**
 * "version 1.2.3.4", "v1.2.3.4", "build 10.0.19045.2965": numbers that only look like addresses.
 * Whole words only: `Server=10.1.2.3` is a server's address, not a `ver`sion.
 */
const VERSION_CONTEXT = /(?<![a-z])(?:version|ver\.?|release|build|firmware|kernel|update|upgrade|sdk|api|os|windows|chrome|firefox|safari|edge|node|python|java)[\s:=v]{0,3}$/;

/**
 * IP_ADDRESS and INTERNAL_IP both read the same address at the same digit anchor, one right
 * after the other: the last answer of this scan is remembered so the version-context check runs once.
 */
const LAST_IPV4: ScanSlot<{ anchor: number; span: Span | null }> = scanSlot(() => ({ anchor: -1, span: null }));

export function findIpv4(text: string, anchor: number, context: ScanContext): Span | null {
  const last = context.get(LAST_IPV4);
  if (anchor !== last.anchor) {
    last.span = readIpv4(text, anchor, context);
    last.anchor = anchor;
  }
  return last.span;
}

function readIpv4(text: string, anchor: number, context: ScanContext): Span | null {
  if (codeAt(text, anchor + 1) !== 46 && codeAt(text, anchor + 2) !== 46 && codeAt(text, anchor + 3) !== 46) return null;
  const end = stickyEnd(IPV4, text, anchor);
  if (end < 0 || !endsNumber(text, end, context)) return null;
  if (VERSION_CONTEXT.test(textBefore(text, anchor, 16))) return null;
  return { start: anchor, end };
}

/**
 * Private (RFC 1918), shared (RFC 6598) and link-local addresses are internal; loopback,
 * unspecified, documentation (RFC 5737), multicast and reserved ones are ignored.
 */
export function classifyIpv4(value: string): IpClass {
  // The first three octets, read by hand: both IPv4 detectors classify every address found, and
  // `split('.').map(Number)` allocated two arrays and four strings each time.
  let a = 0;
  let b = 0;
  let c = 0;
  let octet = 0;
  for (let i = 0, n = 0; i < value.length && octet < 3; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) {
      if (octet === 0) a = n;
      else if (octet === 1) b = n;
      else c = n;
      octet++;
      n = 0;
    } else {
      n = n * 10 + (code - 48);
    }
  }
  if (a === 0 || a === 127 || a >= 224) return 'ignored';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'ignored';
  if (a === 198 && (b === 18 || b === 19)) return 'ignored';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'internal';
  if ((a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'internal';
  return 'public';
}

/** The longest IPv6 address text (`ffff:…:255.255.255.255` is 45 characters). */
export const MAX_IPV6 = 45;

function isIpv6Char(code: number): boolean {
  return isHex(code) || code === 58;
}

/** The IPv6 counterpart of LAST_IPV4: IP_ADDRESS and INTERNAL_IP share each `:h:` anchor. */
const LAST_IPV6: ScanSlot<{ anchor: number; span: Span | null }> = scanSlot(() => ({ anchor: -1, span: null }));

export function findIpv6(text: string, anchor: number, context: ScanContext): Span | null {
  const last = context.get(LAST_IPV6);
  if (anchor !== last.anchor) {
    last.span = readIpv6(text, anchor);
    last.anchor = anchor;
  }
  return last.span;
}

/** From a `:h:` or `::` anchor, extend over hex digits and colons, then parse strictly. */
function readIpv6(text: string, anchor: number): Span | null {
  let start = anchor;
  const minStart = Math.max(0, anchor - MAX_IPV6);
  while (start > minStart && isIpv6Char(text.charCodeAt(start - 1))) start--;
  let end = anchor + 1;
  const maxEnd = Math.min(text.length, start + MAX_IPV6);
  while (end < maxEnd && isIpv6Char(text.charCodeAt(end))) end++;
  const before = codeAt(text, start - 1);
  const after = codeAt(text, end);
  if (isAlnum(before) || before === 95 || before === 46 || isAlnum(after) || after === 95 || (after === 46 && isAlnum(codeAt(text, end + 1)))) return null;
  // Fewer than two colons or three hex digits cannot be an address worth parsing (`:a:`, `14:32`).
  let colons = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 58) colons++;
  if (colons < 2 || end - start - colons < 3) return null;
  return parseIpv6(text.slice(start, end)) === null ? null : { start, end };
}

/** The eight 16-bit groups of an IPv6 address, or null when the text is not one. */
export function parseIpv6(value: string): number[] | null {
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const given = head.length + tail.length;
  if (halves.length === 2 ? given > 7 || given < 2 : given !== 8) return null;
  return [...head, ...new Array<number>(8 - given).fill(0), ...tail];
}

/** Global unicast (2000::/3) is public, except documentation 2001:db8::/32; ULA fc00::/7 and link-local fe80::/10 are internal. */
export function classifyIpv6(value: string): IpClass {
  const groups = parseIpv6(value);
  if (groups === null) return 'ignored';
  const first = groups[0]!;
  if (first === 0x2001 && groups[1] === 0x0db8) return 'ignored';
  if (first >= 0x2000 && first <= 0x3fff) return 'public';
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return 'internal';
  return 'ignored';
}
