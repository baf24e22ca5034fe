import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const huggingfaceToken: Detector = {
  id: 'HUGGINGFACE_TOKEN',
  category: 'secret',
  description: 'Hugging Face user access tokens (hf_) and organization API tokens (api_org_), each followed by 34 letters.',
  trigger: { kind: 'prefix', prefixes: ['hf_', 'api_org_'] },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/(?:hf|api_org)_[A-Za-z]{34}/y),
  validate: (value) => looksRandom(value.slice(value.lastIndexOf('_') + 1)),
  examples: {
    match: ['HF_TOKEN=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', 'HF_ORG_TOKEN=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'],
    noMatch: ['hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_hub_download(repo_id="gpt2")', 'api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
};
