import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/**
 * The token prefixes GitLab documents (docs.gitlab.com/security/tokens, "Token prefixes"):
 * personal, project and group access `glpat-`, OAuth application secret `gloas-`, deploy
 * `gldt-`, runner authentication `glrt-`/`glrtr-`, CI/CD job `glcbt-`, trigger `glptt-`, feed
 * `glft-`, incoming mail `glimt-`, Kubernetes agent `glagent-`, workspace `glwt-`, SCIM
 * `glsoat-`, feature-flag client `glffct-`, and the deprecated runner registration tokens
 * (`GR1348941…`). Routable tokens end with `.<version>.<length+crc>` (`glpat-….01.0z11111is`).
 */
const PREFIXES = ['glpat-', 'gloas-', 'gldt-', 'glrt-', 'glrtr-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'glwt-', 'glsoat-', 'glffct-', 'GR1348941'];

/**
 * Each kind at its documented length (and a token must end there: `glsoat-PREfix_hello…` is not
 * one), or routable: a longer payload then `.<version>.<length+crc>` or `.<length+crc>`.
 */
const TOKEN = new RegExp(
  [
    'gl(?:pat|dt|ft|rtr|rt|soat|ffct|wt)-[0-9A-Za-z_-]{20}',
    'glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}',
    'glimt-[0-9A-Za-z_-]{25}',
    'glptt-[0-9a-f]{40}',
    'glagent-[0-9A-Za-z_-]{50}',
    'gloas-[0-9A-Za-z_-]{64}',
    'gl(?:pat|oas|dt|rtr|rt|cbt|ptt|ft|imt|agent|wt|soat|ffct)-[0-9A-Za-z_-]{27,300}\\.[0-9A-Za-z]{2}(?:\\.[0-9A-Za-z]{2})?[0-9A-Za-z]{7}',
    'GR1348941[0-9A-Za-z_-]{20}',
  ].map((kind) => `${kind}(?![0-9A-Za-z_-])`).join('|'),
  'y',
);

/** The random part: after the prefix, and before a routable token's `.version.crc` tail. */
function body(value: string): string {
  const start = value.startsWith('GR1348941') ? 9 : value.indexOf('-') + 1;
  const dot = value.indexOf('.', start);
  return value.slice(start, dot < 0 ? value.length : dot);
}

export const gitlabToken: Detector = {
  id: 'GITLAB_TOKEN',
  category: 'secret',
  description: 'GitLab tokens of every documented prefix: access (glpat-), OAuth secret (gloas-), deploy (gldt-), runner (glrt-, GR1348941…), CI/CD job (glcbt-), trigger (glptt-), feed (glft-), mail (glimt-), agent (glagent-), workspace (glwt-), SCIM (glsoat-), feature flags (glffct-).',
  trigger: { kind: 'prefix', prefixes: PREFIXES },
  confidence: 0.97,
  priority: 90,
  find: findPrefixedToken(TOKEN),
  validate: (value) => looksRandom(body(value)),
  examples: {
    match: [
      'CI_TOKEN=glpat-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'glpat-TESTtokenGq5K56y8RBbu286MQp1OmFwOAk.01.0z11111is',
      'deploy token gldt-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'CI_JOB_TOKEN=glcbt-64_Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'glptt-3f2a9c1b7e4d8f6a0c5b3e9d1f7a2c4e6b8d0f1a',
      'glagent-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc',
      'gloas-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6P',
      'glimt-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3F',
      'SCIM_TOKEN=glsoat-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'glrt-t1_Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0K.01.0z11111is',
      'glft-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'glffct-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'glwt-Hq7Rk2Lm9Xv4Bn6Tz1Wc',
      'registration-token: GR1348941Hq7Rk2Lm9Xv4Bn6Tz1Wc',
    ],
    noMatch: [
      'glpat-xxxxxxxxxxxxxxxxxxxx',
      'glpat-<your-token>',
      'glpat-XXXXXXXXXXX-XXXXXXXX',
      'glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'GR134894112312312312312312312',
      'GR1348941XXXXXXXXXXXXXXXXXXXX',
      'the glrt- prefix marks runner tokens',
      'glsoat-PREfix_helloworld380_testin_pretty_long_token_long_',
    ],
  },
};
