import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const anthropicKey: Detector = {
  id: 'ANTHROPIC_KEY',
  category: 'secret',
  description: 'Anthropic API and admin keys (sk-ant-api03-…, sk-ant-admin01-…).',
  trigger: { kind: 'prefix', prefixes: ['sk-ant-'] },
  confidence: 0.98,
  priority: 90,
  find: findPrefixedToken(/sk-ant-(?:api|admin|oat|sid)\d\d-[A-Za-z0-9_-]{32,200}/y),
  validate: (value) => looksRandom(value.slice(value.indexOf('-', 7) + 1), 3.5),
  examples: {
    match: ['ANTHROPIC_API_KEY=sk-ant-api03-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Pa-bQ2AA'],
    noMatch: ['sk-ant-api03-...', 'sk-ant-api03-your-key-here', 'sk-ant-'],
  },
};
