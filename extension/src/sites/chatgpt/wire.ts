/** ChatGPT in the page's world: its API under /backend-api (and /backend-anon signed out), and file storage. */
import type { SiteWire } from '../types';

export const chatgptWire: SiteWire = {
  app: 'chatgpt',
  origin: 'https://chatgpt.com',
  http: [/^https:\/\/chatgpt\.com\/backend-(?:api|anon)\//, /^https:\/\/[a-z0-9-]+\.oaiusercontent\.com\//, /^https:\/\/[a-z0-9-]+\.blob\.core\.windows\.net\//],
  // The session the app loads at start names the account.
  account: { url: /^https:\/\/chatgpt\.com\/api\/auth\/session(?:\?|$)/, email: (json) => (json as { user?: { email?: unknown } } | null)?.user?.email },
};
