import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const openaiKey: Detector = {
  id: 'OPENAI_KEY',
  category: 'secret',
  description: 'OpenAI API keys: legacy sk-… and project, service-account and admin keys (sk-proj-, sk-svcacct-, sk-admin-).',
  trigger: { kind: 'prefix', prefixes: ['sk-'] },
  confidence: 0.95,
  priority: 85,
  find: findPrefixedToken(/sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,300}/y),
  validate: (value) => {
    const body = value.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, '');
    return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body) && looksRandom(body, 3.5);
  },
  examples: {
    match: [
      'OPENAI_API_KEY=sk-proj-Q7vLx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6',
      'client = OpenAI(api_key="sk-Hq7Rk2Lm9Xv4Bn6Tz1Wc8T3BlbkFJYd3Fg5Jh0Kp6Ms2Nq7Vr4")',
    ],
    noMatch: ['sk-...', 'sk-your-key-here', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'the sk-learn package', 'sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-'],
  },
};
