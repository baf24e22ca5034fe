import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/**
 * Every token prefix Slack documents (api.slack.com/authentication/token-types and config
 * tokens): bot `xoxb-`, user `xoxp-`, workspace and refresh `xoxa-`/`xoxr-`, rotating and
 * refresh `xoxe-`, configuration `xoxe.xoxp-`/`xoxe.xoxb-`, app-level `xapp-`, and the legacy
 * `xoxs-`/`xoxo-`. Their bodies differ (`-`-separated numeric IDs then a random part, or a
 * version digit then a long random part), so the shape is read loosely and judged by its parts.
 */
const PREFIXES = ['xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe.xoxp-', 'xoxe.xoxb-', 'xapp-'];

/**
 * The parts after the prefix: a version digit (`xoxe-1-…`, `xapp-1-…`) may come first; numeric
 * IDs (team, user, bot) have six digits or more; the last part is the random one, eight
 * characters or more (`xoxa-`/`xoxr-` workspace tokens are that short) and machine-made.
 */
function validSlackToken(value: string): boolean {
  const parts = value.slice(value.indexOf('-') + 1).split('-');
  const secret = parts.pop()!;
  if (parts.length > 0 && /^\d$/.test(parts[0]!)) parts.shift();
  for (const part of parts) if (!/^\d{6,}$/.test(part) && !/^[A-Z][A-Z0-9]{6,}$/.test(part)) return false;
  // A bot or user token names its team and user: `xoxb-12345-abcd234` is not one.
  if (/^xox[bp]-/.test(value) && parts.length === 0 && secret.length < 24) return false;
  // Configuration and refresh tokens (`xoxe.xoxp-1-…`, `xoxe-1-…`) carry a random part of 146–166 characters.
  if ((value.startsWith('xoxe.') || (value.startsWith('xoxe-') && parts.length === 0)) && secret.length < 100) return false;
  return secret.length >= 8 && looksRandom(secret, 2);
}

export const slackToken: Detector = {
  id: 'SLACK_TOKEN',
  category: 'secret',
  description: 'Slack tokens of every documented kind: bot, user, workspace, refresh, rotating, configuration, app-level and legacy (xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xoxe.xoxp-, xapp-, xoxs-, xoxo-).',
  trigger: { kind: 'prefix', prefixes: PREFIXES },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/(?:xox[abeoprs]|xoxe\.xox[bp]|xapp)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+){0,5}/y),
  validate: validSlackToken,
  examples: {
    match: [
      'SLACK_BOT_TOKEN=xoxb-2847261930-4829103847261-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3',
      'xoxp-1234987650-9876012345-5647382910-a8f3c9e1b7d24f6a90c5e3b1d7f2a4c6',
      'SLACK_APP_TOKEN=xapp-1-A052FGTS2DL-5171572773297-610b6a11f4b7eb819e87b767d80e6575a3634791acb9a9ead051da879eb5b55e',
      'xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4MTctNTE4MjA3NTQ5NjA4MC01NDEyOTYyODY5NzUxLThhMTBjZmI1ZWIzMGIwNTg0ZDdmMDI5Y2UxNzVlZWVhYzU2ZWQyZTZiODNjNDZiMGUxMzRlNmNjNDEwYmQxMjQ',
      'refresh_token: xoxe-1-My0xLTMxNzcwMjQ0MTcxMy01MTU4MTUyNjkxNzE0LTUxODE4NDI0MDY3MzYtMjA5MGFkOTFlZThkZWE2OGFlZDYwYWJjODNhYzAxYjA5ZjVmODBhYjgzN2QyNDdjOTNlOGY5NTg2YWM1OGM4Mg',
      '"access_token": "xoxs-416843729158-132049654-5609968301-e708ba56e1"',
      'legacy xoxp-3206092076-3204538285-3743137121-836b042620',
      'xoxa-2-511111111-31111111111-3111111111111-e039d02840a0b9379c',
      '"bot_token": "xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1"',
      'xoxb-123456789012-Xw937qtWSXJss1lFaKe',
      'xoxr-1-Rk2Lm9Xv4Bn6',
    ],
    noMatch: [
      'xoxb-your-bot-token',
      'xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx',
      'xoxb-xoxb-xoxb-',
      'xoxb-12345-abcd234',
      'xoxb-abcdef-abcdef',
      '"token": "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"',
      '"token": "xoxp-1234567890"',
      'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere',
      'xoxe.xoxp-1-RANDOMSTRINGHERE',
      'https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md',
      'https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg',
    ],
  },
};
