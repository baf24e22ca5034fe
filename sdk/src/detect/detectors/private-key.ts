import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { stickyEnd } from '../text';
import { PLACEHOLDER_WORDS } from '../validators/randomness';

/** Key kinds of any name (`RSA`, `EC`, `OPENSSH`, `ENCRYPTED`, `PGP`, `SSH2 ENCRYPTED`, `ANY`), as gitleaks reads them. */
const HEADER = /-----BEGIN [A-Z0-9 _-]{0,60}?PRIVATE KEY(?: BLOCK)?-----/y;
const FOOTER = /-----END [A-Z0-9 _-]{0,60}?PRIVATE KEY(?: BLOCK)?-----/y;
/** Key bodies are base64 lines; fewer base64 characters than this is a placeholder (`...`), not a key. */
const MIN_BODY_CHARS = 64;
/** Longest body read: an RSA-8192 PEM is about 6.5 KB. */
const MAX_BODY_CHARS = 16_384;

function isBase64Char(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 61;
}

function isBodyChar(code: number): boolean {
  return isBase64Char(code) || code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * The next `-----END ` and `-----BEGIN` at or after a position, remembered for the scan: headers
 * reach the detector in order, so each marker is searched for once however many headers precede
 * it (a flood of headers with no footer costs one search).
 */
interface Markers {
  endFrom: number;
  end: number;
  beginFrom: number;
  begin: number;
}

const MARKERS: ScanSlot<Markers> = scanSlot(() => ({ endFrom: -1, end: -1, beginFrom: -1, begin: -1 }));

function nextMarker(text: string, marker: string, from: number, markers: Markers, kind: 'end' | 'begin'): number {
  const fromKey = kind === 'end' ? 'endFrom' : 'beginFrom';
  const known = markers[kind];
  if (markers[fromKey] >= 0 && markers[fromKey] <= from && (known === -1 || known >= from)) return known;
  markers[fromKey] = from;
  return (markers[kind] = text.indexOf(marker, from));
}

/**
 * From the header to its footer: the body between may hold any text (PGP armor headers such as
 * `Version: GnuPG v2.0.22 (GNU/Linux)`, `Proc-Type`/`DEK-Info` lines, `\n` escapes inside a JSON
 * string, a body that is not base64 at all) as long as it holds 64 base64 characters or more, no
 * other header, and no placeholder words. Without a footer (a truncated paste), the base64 body
 * is walked instead and counts from 256 characters.
 */
function findBlock(text: string, anchor: number, context: ScanContext): Span | null {
  const headerEnd = stickyEnd(HEADER, text, anchor);
  if (headerEnd < 0) return null;
  const markers = context.get(MARKERS);
  const footer = nextMarker(text, '-----END ', headerEnd, markers, 'end');
  const nextHeader = nextMarker(text, '-----BEGIN', headerEnd, markers, 'begin');
  if (footer >= 0 && footer - headerEnd <= MAX_BODY_CHARS && (nextHeader < 0 || nextHeader > footer)) {
    const footerEnd = stickyEnd(FOOTER, text, footer);
    const base64 = footerEnd > 0 ? countBase64(text, headerEnd, footer) : 0;
    // A short body may be a template (`<your key here>`); a long one is a key unless it is filler (`XXXX…`).
    if (base64 >= MIN_BODY_CHARS && !templatedBody(text.slice(headerEnd, footer), base64)) return { start: anchor, end: footerEnd };
  }
  return truncatedBlock(text, anchor, headerEnd);
}

/** A body that stands in for a key: placeholder words where it is short, a run of one character (`XXXX…`) at any length. */
function templatedBody(body: string, base64: number): boolean {
  return /([A-Za-z0-9+/=])\1{15}/.test(body) || (base64 < 4 * MIN_BODY_CHARS && PLACEHOLDER_WORDS.test(body));
}

function countBase64(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // `\n` escapes of a key inside a JSON string are not body.
    if (c === 92) i++;
    else if (isBase64Char(c)) count++;
  }
  return count;
}

/** A header followed by a long base64 body and no footer: a key pasted without its end. */
function truncatedBlock(text: string, anchor: number, headerEnd: number): Span | null {
  const limit = Math.min(text.length, headerEnd + MAX_BODY_CHARS);
  let bodyChars = 0;
  let lastBodyEnd = headerEnd;
  for (let i = headerEnd; i < limit; ) {
    const code = text.charCodeAt(i);
    if (isBodyChar(code)) {
      if (code > 32) {
        bodyChars++;
        lastBodyEnd = i + 1;
      }
      i++;
    } else if (code === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) {
      i += 2;
    } else if (code === 58 || code === 44) {
      // Encrypted PEM headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) sit inside the body.
      i++;
    } else {
      break;
    }
  }
  return bodyChars >= MIN_BODY_CHARS * 4 ? { start: anchor, end: lastBodyEnd } : null;
}

export const privateKey: Detector = {
  id: 'PRIVATE_KEY',
  category: 'secret',
  description: 'A whole PEM, OpenSSH or PGP private key block, from BEGIN to END, whatever its body holds (also inside JSON strings with \\n escapes).',
  trigger: { kind: 'prefix', prefixes: ['-----BEGIN '] },
  confidence: 0.99,
  priority: 100,
  find: findBlock,
  normalise: (value) => value.replace(/\\[nr]|\s+/g, ''),
  examples: {
    match: [
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAr8Qv3Lx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0\nGj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3Zk0Al7Bm4Cn1Do8Ep5Fq2Gr9Hs6It3Ju0Kv7Lw4Mx1\n-----END RSA PRIVATE KEY-----`,
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22 (GNU/Linux)\n\nlQOYBFXZ7TkBCADHq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3Zk0\n=Ab1C\n-----END PGP PRIVATE KEY BLOCK-----',
      `{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Qv3Lx2Rk9Bn4Tz1Wc8\\nYd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3\\n-----END PRIVATE KEY-----\\n"}`,
    ],
    noMatch: [
      '-----BEGIN PRIVATE KEY-----\n<your private key here, base64 encoded, between these two lines>\n-----END PRIVATE KEY-----',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr8Qv3Lx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4\n-----END PUBLIC KEY-----',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN -----BEGIN -----BEGIN PRIVATE KEY-----',
    ],
  },
};
