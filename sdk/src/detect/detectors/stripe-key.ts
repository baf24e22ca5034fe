import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const stripeKey: Detector = {
  id: 'STRIPE_KEY',
  category: 'secret',
  description: 'Stripe secret and restricted keys (sk_live_, sk_test_, rk_live_, rk_test_) and webhook secrets (whsec_).',
  trigger: { kind: 'prefix', prefixes: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'] },
  confidence: 0.97,
  priority: 90,
  find: findPrefixedToken(/[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}|whsec_[A-Za-z0-9]{32,64}/y),
  validate: (value) => looksRandom(value.slice(value.indexOf('_', 3) + 1)),
  examples: {
    match: ['stripe.api_key = "sk_live_51Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp"', 'rk_test_51NzQ8wLp3Vx7Yt2Rm6Kb9Hc4Jd'],
    noMatch: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'pk_live_51Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp', 'sk_live_...'],
  },
};
