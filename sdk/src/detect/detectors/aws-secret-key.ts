import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { isBase64Code } from '../text';
import { isPlaceholder } from './placeholders';
import { shannonEntropy } from '../validators/randomness';

/** How far after the `aws`/`secret` keyword the 40-character key may sit. */
const WINDOW = 100;
const KEY_LENGTH = 40;

/**
 * Runs of exactly 40 key characters found so far in this scan, in order, and how far the text
 * has been read. Keywords repeat (`secret: aws secret: aws …`) and their windows overlap:
 * remembering what was read makes the detector linear in the text, each character read once.
 */
interface Reader {
  readUpTo: number;
  runStarts: number[];
  nextRun: number;
  lastAnchor: number;
}

const READER: ScanSlot<Reader> = scanSlot(() => ({ readUpTo: 0, runStarts: [], nextRun: 0, lastAnchor: -1 }));

/** Reads runs of key characters from `readUpTo` to at least `until`, recording the 40-long ones. */
function readRuns(reader: Reader, text: string, until: number): void {
  let i = reader.readUpTo;
  while (i < until) {
    if (!isBase64Code(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64Code(text.charCodeAt(i))) i++;
    // `=` right after the run is padding: a longer base64 value, not a key.
    if (i - start === KEY_LENGTH && text.charCodeAt(i) !== 61) reader.runStarts.push(start);
  }
  reader.readUpTo = i;
}

/** Forgets what was read and resumes reading at the start of the run holding `anchor`. */
function restartAt(reader: Reader, text: string, anchor: number): void {
  // The keyword itself may be part of a run (`mysecret9Hq…`): back up to the run's start.
  let from = anchor;
  while (from > 0 && isBase64Code(text.charCodeAt(from - 1))) from--;
  reader.readUpTo = from;
  reader.runStarts = [];
  reader.nextRun = 0;
}

/** The first 40-character run that starts at or after the keyword and ends within the window. */
function findNearKeyword(text: string, anchor: number, context: ScanContext): Span | null {
  const reader = context.get(READER);
  // Anchors reach a detector in increasing order within one scan. A keyword past everything read
  // so far starts afresh, so text between far-apart keywords is never read.
  if (anchor <= reader.lastAnchor || anchor >= reader.readUpTo) restartAt(reader, text, anchor);
  reader.lastAnchor = anchor;
  const windowEnd = Math.min(text.length, anchor + WINDOW);
  if (reader.readUpTo < windowEnd) readRuns(reader, text, windowEnd);
  const runStarts = reader.runStarts;
  while (reader.nextRun < runStarts.length && runStarts[reader.nextRun]! < anchor) reader.nextRun++;
  const start = runStarts[reader.nextRun];
  return start !== undefined && start + KEY_LENGTH <= windowEnd ? { start, end: start + KEY_LENGTH } : null;
}

/**
 * AWS, not any secret: the text before the key names AWS or its field (`aws_secret_access_key`,
 * `SecretAccessKey`); a 40-character `JWT_SECRET` is GENERIC_SECRET's.
 */
const AWS_CONTEXT = /aws|secret_?access|secretaccess/i;

/** A random base64 key mixes cases and digits; a SHA-1 hex digest or a word run does not. */
function looksLikeAwsSecret(value: string, text: string, span: Span): boolean {
  if (!AWS_CONTEXT.test(text.slice(Math.max(0, span.start - WINDOW), span.start))) return false;
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) && shannonEntropy(value) >= 4 && !isPlaceholder(value);
}

export const awsSecretKey: Detector = {
  id: 'AWS_SECRET_KEY',
  category: 'secret',
  description: 'AWS secret access key: 40 base64 characters within 100 characters after an `aws` or `secret` keyword.',
  trigger: { kind: 'keyword', keywords: ['aws', 'secret'], followedByRun: { minLength: KEY_LENGTH, within: WINDOW } },
  confidence: 0.85,
  priority: 70,
  find: findNearKeyword,
  validate: looksLikeAwsSecret,
  examples: {
    match: ['aws_secret_access_key = 9Hq7Rk2Lm/Xv4Bn6Tz1Wc8Yd3Fg+Jh0Kp6Ms2Nq7', 'AWS creds: key AKIAZ4XQ7R2MB5TKWL3P secret 9Hq7Rk2Lm/Xv4Bn6Tz1Wc8Yd3Fg+Jh0Kp6Ms2Nq7'],
    noMatch: [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b fixes the aws upload',
      '9Hq7Rk2Lm/Xv4Bn6Tz1Wc8Yd3Fg+Jh0Kp6Ms2Nq7 with no keyword nearby',
      'the secret is in SecretsManagerSecretsManagerSecretsManagerSecretsManager',
      'JWT_SECRET: "D1HVK2iE3BFulyeiFNtKOaoAoZTH32pVJgGNmO8D"',
    ],
  },
};
