import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/** Templating that marks a full-length key as typed: `your…`, `xxxx`, `...`, `<…>`, `…_here`, long runs of one character. */
const TEMPLATED = /your|x{4}|\.\.\.|[<>]|[-_]here|(.)\1{7}/i;

/**
 * A key of the documented full shape (`sk-ant-api03-` + 93 characters + `AA`) is a key by its
 * structure: test suites and tutorials fill the body with readable runs (`…klmnopqrstuvwx…`)
 * that a randomness test would refuse. Shorter bodies must look random.
 */
function validAnthropicKey(value: string): boolean {
  const body = value.slice(value.indexOf('-', 7) + 1);
  if (body.length >= 90 && body.endsWith('AA')) return !TEMPLATED.test(body);
  return looksRandom(body, 3.5);
}

export const anthropicKey: Detector = {
  id: 'ANTHROPIC_KEY',
  category: 'secret',
  description: 'Anthropic API and admin keys (sk-ant-api03-…, sk-ant-admin01-…).',
  trigger: { kind: 'prefix', prefixes: ['sk-ant-'] },
  confidence: 0.98,
  priority: 90,
  find: findPrefixedToken(/sk-ant-(?:api|admin|oat|sid)\d\d-[A-Za-z0-9_-]{32,200}/y),
  validate: validAnthropicKey,
  examples: {
    match: [
      'ANTHROPIC_API_KEY=sk-ant-api03-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Pa-bQ2AA',
      'sk-ant-admin01-abc12fake-456def789ghij-klmnopqrstuvwx-3456yza789bcde-12fakehijklmnopby56aaaogaopaaaabc123xyzAA',
    ],
    noMatch: ['sk-ant-api03-...', 'sk-ant-api03-your-key-here', 'sk-ant-', 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA'],
  },
};
