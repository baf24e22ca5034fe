import type { Detector, Span } from '../types';
import { stickyEnd } from '../text';
import { looksRandom } from '../validators/randomness';

/**
 * An incoming-webhook, workflow or trigger URL (`https://hooks.slack.com/services/T…/B…/…`): anyone
 * holding it can post to the channel. Found from its `slack.com/` keyword; the path after the
 * kind is base64-ish (`T…/B…/secret`, or one random run), 40 characters or more.
 */
const WEBHOOK = /slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,120}/y;
const HOST_PREFIX = 'hooks.';

function findWebhook(text: string, anchor: number): Span | null {
  if (!text.startsWith(HOST_PREFIX, anchor - HOST_PREFIX.length)) return null;
  const end = stickyEnd(WEBHOOK, text, anchor);
  if (end < 0) return null;
  let start = anchor - HOST_PREFIX.length;
  for (const scheme of ['https://', 'http://']) if (text.startsWith(scheme, start - scheme.length)) start -= scheme.length;
  return { start, end };
}

/** The last path segment is the secret part, and must read as machine-made (not `XXXXXXXX…` from the docs). */
function validWebhook(value: string): boolean {
  const secret = value.slice(value.lastIndexOf('/') + 1);
  return secret.length >= 16 && looksRandom(secret);
}

export const slackWebhook: Detector = {
  id: 'SLACK_TOKEN',
  category: 'secret',
  description: 'Slack incoming-webhook, workflow and trigger URLs (hooks.slack.com/services|workflows|triggers/…).',
  trigger: { kind: 'keyword', keywords: ['slack.com/'], followedByRun: { minLength: 40, within: 100 } },
  confidence: 0.95,
  priority: 90,
  find: findWebhook,
  validate: validWebhook,
  examples: {
    match: [
      'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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',
      'curl -X POST https://hooks.slack.com/workflows/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',
      'hooks.slack.com/triggers/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',
    ],
    noMatch: [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'see https://api.slack.com/messaging/webhooks for the setup',
      'https://hooks.slack.com/services/',
    ],
  },
};
