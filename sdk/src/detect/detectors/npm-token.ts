import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const npmToken: Detector = {
  id: 'NPM_TOKEN',
  category: 'secret',
  description: 'npm access tokens (npm_ followed by 36 characters).',
  trigger: { kind: 'prefix', prefixes: ['npm_'] },
  confidence: 0.97,
  priority: 90,
  find: findPrefixedToken(/npm_[A-Za-z0-9]{36}/y),
  validate: (value) => looksRandom(value.slice(4)),
  examples: {
    match: ['//registry.npmjs.org/:_authToken=npm_Th6SirSGnHhcpytjwgummlpvs21pmJP9M4Cu'],
    noMatch: ['npm_config_registry=https://registry.npmjs.org', 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  },
};
