import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/** AWS access key IDs: a four-letter resource prefix and 16 base-32 characters. */
const PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA', 'ANPA', 'ANVA', 'AROA', 'APKA'];

export const awsAccessKey: Detector = {
  id: 'AWS_ACCESS_KEY',
  category: 'secret',
  description: 'AWS access key ID (AKIA…, ASIA… and the other IAM prefixes, 20 characters).',
  trigger: { kind: 'prefix', prefixes: PREFIXES },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|PKA)[A-Z2-7]{16}/y),
  validate: (value) => looksRandom(value.slice(4), 2.5),
  examples: {
    match: ['aws_access_key_id = AKIAZ4XQ7R2MB5TKWL3P', 'key ASIAQ3RT5W7YUZ2XCV4B in the log'],
    noMatch: [
      'AKIAIOSFODNN7EXAMPLE',
      'AKIAAKIAAKIAAKIAAKIAAKIA',
      'AKIAZ4XQ7R2MB5TKWL3PQ',
      'xAKIAZ4XQ7R2MB5TKWL3P',
      'AKIA1234567890123456',
    ],
  },
};
