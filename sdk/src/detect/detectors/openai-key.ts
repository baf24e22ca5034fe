import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const openaiKey: Detector = {
  id: 'OPENAI_KEY',
  category: 'secret',
  description: 'OpenAI API keys: legacy sk-…, user keys (sk-None-), and project, service-account and admin keys (sk-proj-, sk-svcacct-, sk-admin-).',
  trigger: { kind: 'prefix', prefixes: ['sk-'] },
  confidence: 0.95,
  priority: 85,
  find: findPrefixedToken(/sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,300}/y),
  validate: (value) => {
    const body = value.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, '');
    return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body) && looksRandom(body, 3.5);
  },
  examples: {
    match: [
      'OPENAI_API_KEY=sk-proj-Q7vLx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6',
      'client = OpenAI(api_key="sk-Hq7Rk2Lm9Xv4Bn6Tz1Wc8T3BlbkFJYd3Fg5Jh0Kp6Ms2Nq7Vr4")',
      'OPENAI_ADMIN_KEY=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',
      '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',
      'sk-None-Hq7Rk2Lm9Xv4Bn6Tz1Wc8T3BlbkFJYd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8',
    ],
    noMatch: ['sk-...', 'sk-your-key-here', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'the sk-learn package', 'sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-'],
  },
};
