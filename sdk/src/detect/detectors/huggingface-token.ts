import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const huggingfaceToken: Detector = {
  id: 'HUGGINGFACE_TOKEN',
  category: 'secret',
  description: 'Hugging Face access tokens (hf_ followed by 34 letters).',
  trigger: { kind: 'prefix', prefixes: ['hf_'] },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/hf_[A-Za-z]{34}/y),
  validate: (value) => looksRandom(value.slice(3)),
  examples: {
    match: ['HF_TOKEN=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'],
    noMatch: ['hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_hub_download(repo_id="gpt2")'],
  },
};
