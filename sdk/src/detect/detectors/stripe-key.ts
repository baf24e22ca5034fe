import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom, PLACEHOLDER_WORDS } from '../validators/randomness';

/**
 * A live (or prod) key is a live key whatever its characters look like: Stripe's own examples and
 * generated test fixtures often read low-entropy (`sk_live_4eC39…`, digits-first account
 * parts), and a `sk_live_` prefix is never a placeholder by accident. Only templated bodies
 * (`sk_live_xxxx…`, `…your_key_here`) and single-character runs are refused; test keys and
 * webhook secrets must still look random.
 */
function validStripeKey(value: string): boolean {
  const body = value.slice(value.indexOf('_', 3) + 1);
  if (!/^[sr]k_(?:live|prod)_/.test(value)) return looksRandom(body);
  return !PLACEHOLDER_WORDS.test(body) && new Set(body).size >= 6;
}

export const stripeKey: Detector = {
  id: 'STRIPE_KEY',
  category: 'secret',
  description: 'Stripe secret and restricted keys, live, test and prod (sk_live_, sk_test_, sk_prod_, rk_live_, rk_test_, rk_prod_), and webhook signing secrets (whsec_).',
  trigger: { kind: 'prefix', prefixes: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'whsec_'] },
  confidence: 0.97,
  priority: 90,
  find: findPrefixedToken(/[sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,247}|whsec_[A-Za-z0-9]{32,64}/y),
  validate: validStripeKey,
  examples: {
    match: [
      'stripe.api_key = "sk_live_51Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp"',
      'rk_test_51NzQ8wLp3Vx7Yt2Rm6Kb9Hc4Jd',
      'rk_live_51NzQ8wLp3Vx7Yt2Rm6Kb9Hc4Jd',
      'STRIPE_SECRET_KEY=sk_live_00000000000000000000000000001234abcdef',
      'rk_prod_51OuEMLAlTWGaDypquDn9aZigaJOsa9NR1w1BxZXs9JlYsVVkv5XDu6aLmAxwt5Tgun5WcSwQMKzQyqV16c9iD4sx00BRijuoon',
    ],
    noMatch: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'pk_live_51Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp', 'sk_live_...', 'sk_live_YOUR_SECRET_KEY_HERE_123456'],
  },
};
