/** Perplexity in the page's world: its REST API and the storage its uploads go to. */
import type { SiteWire } from '../types';

export const perplexityWire: SiteWire = {
  app: 'perplexity',
  origin: 'https://www.perplexity.ai',
  http: [/^https:\/\/www\.perplexity\.ai\/rest\//, /^https:\/\/ppl-ai-file-upload\.s3\.amazonaws\.com\//],
  account: { url: /^https:\/\/www\.perplexity\.ai\/api\/auth\/session(?:\?|$)/, email: (json) => (json as { user?: { email?: unknown } } | null)?.user?.email },
};
