import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/**
 * AWS STS session tokens (`AWS_SESSION_TOKEN`, the `SessionToken` of `aws sts assume-role`,
 * `X-Amz-Security-Token`): base64 of a serialised structure whose first bytes are fixed, so every
 * token starts with one of a few strings: `…oJb3JpZ2luX2Vj` (`origin_ec`, tokens since 2020),
 * `…oGZXIvYXdz` (`er/aws`, 2019) and `AQoDYXdz` (`aws`, older), the first one or two characters
 * varying with the structure's length. Hundreds of characters long, they are reported as
 * GENERIC_SECRET: a session token is useless without the access key and secret issued with it,
 * which AWS_ACCESS_KEY and AWS_SECRET_KEY report, so a type of its own would add no policy choice.
 */
const ORIGIN_EC = ['IQ', 'Ig', 'Iw', 'IA', 'JA', 'JQ', 'Jg', 'Jw', 'AQ', 'Ag'].map((lead) => `${lead}oJb3JpZ2luX2Vj`);
const ER_AWS = ['FA', 'FQ', 'Fg', 'Fw'].map((lead) => `${lead}oGZXIvYXdz`);
const PREFIXES = [...ORIGIN_EC, ...ER_AWS, 'AQoDYXdz'];

export const awsSessionToken: Detector = {
  id: 'GENERIC_SECRET',
  category: 'secret',
  description: 'AWS STS session tokens (IQoJb3JpZ2luX2Vj…, FwoGZXIvYXdz…, AQoDYXdz…), hundreds of base64 characters.',
  trigger: { kind: 'prefix', prefixes: PREFIXES },
  confidence: 0.9,
  priority: 60,
  find: findPrefixedToken(/(?:[A-J][A-Za-z]oJb3JpZ2luX2Vj|F[AQgw]oGZXIvYXdz|AQoDYXdz)[A-Za-z0-9+/]{100,4000}={0,2}/y),
  validate: (value) => looksRandom(value.slice(16, 216)),
  examples: {
    match: [
      'aws_session_token = IQoJb3JpZ2luX2VjEHQaCXVzLWVhc3QtMSJHMEUCIQDn8kp0yXGz2x0qKLHg7uV3rKdJ6cX5Gm2Qe7a1Zz9KAiB4cHZ5Jv8m3NqLk2W0d1XyF7r9sT6aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVwXyZ8Hq2Rk9Lm4Xv7Bn6Tz1Wc3Yd5Fg0Jh2Kp4Ms6Nq8Vr1Xt3Zb5Lc7Wd9Ye2Hf4Gj6Pa8Qb1Rc3Sd5Te7Uf9Vg2Wh4Xi6Yj8Zk0Al2Bm4Cn6Do8Ep0Fq2Gr4Hs6It8Ju0Kv2Lw4Mx6Ny8Oz0Pa2Qb4Rc6Sd8Te0Uf==',
      'the session token FwoGZXIvYXdzEBYaDHk3Zm9aR2xHcGx5UiLGAR0Ve0zQx7yNnWcM2Qe7a1Zz9KAiB4cHZ5Jv8m3NqLk2W0d1XyF7r9sT6aBcDeFgHiJkLmNoPqRsTuVwXyZ8Hq2Rk9Lm4Xv7Bn6Tz1Wc3Yd5Fg0Jh2Kp4Ms6Nq8Vr1Xt3Zb5Lc7Wd9Ye2Hf4Gj6Pa8Qb1Rc3Sd5Te7Uf9Vg2 expires in an hour',
    ],
    noMatch: ['IQoJb3JpZ2luX2Vj', 'IQoJb3JpZ2luX2VjXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AQoDYXdzEXAMPLE'],
  },
};
