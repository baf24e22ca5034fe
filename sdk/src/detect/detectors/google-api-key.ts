import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const googleApiKey: Detector = {
  id: 'GOOGLE_API_KEY',
  category: 'secret',
  description: 'Google API keys (AIza followed by 35 characters), used by Gemini, Maps and Firebase.',
  trigger: { kind: 'prefix', prefixes: ['AIza'] },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/AIza[0-9A-Za-z_-]{35}/y),
  validate: (value) => looksRandom(value.slice(4)),
  examples: {
    match: ['https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSyC8Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6M'],
    noMatch: ['AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIzaAIzaAIzaAIza', 'AIzaSyC8Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6MQQ'],
  },
};
