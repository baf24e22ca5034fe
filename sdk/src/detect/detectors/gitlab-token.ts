import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const gitlabToken: Detector = {
  id: 'GITLAB_TOKEN',
  category: 'secret',
  description: 'GitLab personal, project and group access tokens (glpat-).',
  trigger: { kind: 'prefix', prefixes: ['glpat-'] },
  confidence: 0.97,
  priority: 90,
  find: findPrefixedToken(/glpat-[A-Za-z0-9_-]{20,64}/y),
  validate: (value) => looksRandom(value.slice(6)),
  examples: {
    match: ['CI_TOKEN=glpat-Hq7Rk2Lm9Xv4Bn6Tz1Wc'],
    noMatch: ['glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-<your-token>'],
  },
};
