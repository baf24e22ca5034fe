import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/**
 * OpenAI keys carry `T3BlbkFJ` ("OpenAI" in base64) in the middle; a body without it counts only
 * at the length of today's project and service-account keys (over 100 characters), so a
 * 48-character `sk-…` from another vendor or a hand-made variant (`…T4BlbkFJ…`) is not one.
 */
function validOpenAiKey(value: string): boolean {
  const body = value.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, '');
  if (!body.includes('T3BlbkFJ') && body.length < 100) return false;
  return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body) && looksRandom(body, 3.5);
}

export const openaiKey: Detector = {
  id: 'OPENAI_KEY',
  category: 'secret',
  description: 'OpenAI API keys: legacy sk-…, user keys (sk-None-), and project, service-account and admin keys (sk-proj-, sk-svcacct-, sk-admin-).',
  trigger: { kind: 'prefix', prefixes: ['sk-'] },
  confidence: 0.95,
  priority: 85,
  find: findPrefixedToken(/sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,300}/y),
  validate: validOpenAiKey,
  examples: {
    match: [
      'OPENAI_API_KEY=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',
      'client = OpenAI(api_key="sk-Hq7Rk2Lm9Xv4Bn6Tz1Wc8T3BlbkFJYd3Fg5Jh0Kp6Ms2Nq7Vr4")',
      'OPENAI_ADMIN_KEY=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',
      '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',
      'sk-None-Hq7Rk2Lm9Xv4Bn6Tz1Wc8T3BlbkFJYd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8',
    ],
    noMatch: ['sk-proj-Xi8tdMjHV6pmbBbwilTeT4BlbkFJ3UDnpdEwNNm6wVBpYM0o', 'sk-...', 'sk-your-key-here', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'the sk-learn package', 'sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-sk-'],
  },
};
