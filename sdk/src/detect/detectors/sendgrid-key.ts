import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const sendgridKey: Detector = {
  id: 'SENDGRID_KEY',
  category: 'secret',
  description: 'SendGrid API keys (SG.<22>.<43>).',
  trigger: { kind: 'prefix', prefixes: ['SG.'] },
  confidence: 0.97,
  priority: 90,
  // The documented shape, or gitleaks' looser one (66 characters of the key alphabet and dots).
  find: findPrefixedToken(/SG\.(?:[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|[A-Za-z0-9_.=-]{66})/y),
  validate: (value) => looksRandom(value.slice(3)),
  examples: {
    match: ['SENDGRID_API_KEY=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'],
    noMatch: ['SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SG. Singapore'],
  },
};
