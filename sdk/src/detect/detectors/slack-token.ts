import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const slackToken: Detector = {
  id: 'SLACK_TOKEN',
  category: 'secret',
  description: 'Slack bot, user, app and refresh tokens (xoxb-, xoxp-, xoxa-, xoxe-, xoxr-, xoxs-).',
  trigger: { kind: 'prefix', prefixes: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xoxr-', 'xoxs-', 'xoxe.xoxp-'] },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/xox(?:e\.xox)?[bpaers]-(?:\d{6,14}-){1,3}[A-Za-z0-9]{20,64}/y),
  validate: (value) => looksRandom(value.slice(value.lastIndexOf('-') + 1)),
  examples: {
    match: ['SLACK_BOT_TOKEN=xoxb-2847261930-4829103847261-Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3', 'xoxp-1234987650-9876012345-5647382910-a8f3c9e1b7d24f6a90c5e3b1d7f2a4c6'],
    noMatch: ['xoxb-your-bot-token', 'xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-xoxb-xoxb-'],
  },
};
