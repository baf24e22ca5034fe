import type { Detector, Span } from '../types';
import { stickyEnd } from '../text';

const HEADER = /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP|SSH2) ){0,2}PRIVATE KEY(?: BLOCK)?-----/y;
const FOOTER = /-----END (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP|SSH2) ){0,2}PRIVATE KEY(?: BLOCK)?-----/y;
/** Key bodies are base64 lines; fewer characters than this is a placeholder (`...`), not a key. */
const MIN_BODY_CHARS = 64;
/** Longest body walked: an RSA-8192 PEM is about 6.5 KB. */
const MAX_BODY_CHARS = 16_384;

function isBodyChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ||
    code === 43 || code === 47 || code === 61 || code === 32 || code === 9 || code === 10 || code === 13
  );
}

/**
 * From the header, walk the base64 body (real newlines, or `\n` escapes when the key sits in a
 * JSON string) up to the footer. The walk stops at the first character that cannot be part of
 * a body, so repeated headers cost nothing.
 */
function findBlock(text: string, anchor: number): Span | null {
  const headerEnd = stickyEnd(HEADER, text, anchor);
  if (headerEnd < 0) return null;
  const limit = Math.min(text.length, headerEnd + MAX_BODY_CHARS);
  let i = headerEnd;
  let bodyChars = 0;
  let lastBodyEnd = headerEnd;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (isBodyChar(code)) {
      if (code > 32) {
        bodyChars++;
        lastBodyEnd = i + 1;
      }
      i++;
    } else if (code === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) {
      i += 2;
    } else if (code === 45) {
      const footerEnd = stickyEnd(FOOTER, text, i);
      if (footerEnd > 0 && bodyChars >= MIN_BODY_CHARS) return { start: anchor, end: footerEnd };
      break;
    } else if (code === 58 || code === 44) {
      // Encrypted PEM headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) sit inside the body.
      i++;
    } else {
      break;
    }
  }
  // A truncated paste (no footer) is still a private key once enough body is present.
  return bodyChars >= MIN_BODY_CHARS * 4 ? { start: anchor, end: lastBodyEnd } : null;
}

export const privateKey: Detector = {
  id: 'PRIVATE_KEY',
  category: 'secret',
  description: 'A whole PEM or OpenSSH private key block, from BEGIN to END (also inside JSON strings with \\n escapes).',
  trigger: { kind: 'prefix', prefixes: ['-----BEGIN '] },
  confidence: 0.99,
  priority: 100,
  find: findBlock,
  normalise: (value) => value.replace(/\\[nr]|\s+/g, ''),
  examples: {
    match: [
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAr8Qv3Lx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0\nGj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3Zk0Al7Bm4Cn1Do8Ep5Fq2Gr9Hs6It3Ju0Kv7Lw4Mx1\n-----END RSA PRIVATE KEY-----`,
      `{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Qv3Lx2Rk9Bn4Tz1Wc8\\nYd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3\\n-----END PRIVATE KEY-----\\n"}`,
    ],
    noMatch: [
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr8Qv3Lx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4\n-----END PUBLIC KEY-----',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN -----BEGIN -----BEGIN PRIVATE KEY-----',
    ],
  },
};
