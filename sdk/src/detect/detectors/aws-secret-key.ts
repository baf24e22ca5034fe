import type { Detector, Span } from '../types';
import { isPlaceholder } from './placeholders';
import { shannonEntropy } from '../validators/randomness';

/** How far after the `aws`/`secret` keyword the 40-character key may sit. */
const WINDOW = 100;
const KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;

function findNearKeyword(text: string, anchor: number): Span | null {
  const window = text.slice(anchor, anchor + WINDOW);
  const match = KEY.exec(window);
  return match ? { start: anchor + match.index, end: anchor + match.index + 40 } : null;
}

/** A random base64 key mixes cases and digits; a SHA-1 hex digest or a word run does not. */
function looksLikeAwsSecret(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) && shannonEntropy(value) >= 4 && !isPlaceholder(value);
}

export const awsSecretKey: Detector = {
  id: 'AWS_SECRET_KEY',
  category: 'secret',
  description: 'AWS secret access key: 40 base64 characters within 100 characters after an `aws` or `secret` keyword.',
  trigger: { kind: 'keyword', keywords: ['aws', 'secret'] },
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
    ],
  },
};
