/** Claude in the page's world: its API under /api. */
import type { SiteWire } from '../types';

export const claudeWire: SiteWire = {
  app: 'claude',
  origin: 'https://claude.ai',
  http: [/^https:\/\/claude\.ai\/api\//],
  // The account the app loads at start names the address.
  account: { url: /^https:\/\/claude\.ai\/api\/account(?:\?|$)/, email: (json) => (json as { email_address?: unknown } | null)?.email_address },
};
