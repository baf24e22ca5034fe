/** DeepSeek in the page's world: its API under /api/v0. */
import type { SiteWire } from '../types';

export const deepseekWire: SiteWire = {
  app: 'deepseek',
  origin: 'https://chat.deepseek.com',
  http: [/^https:\/\/chat\.deepseek\.com\/api\//],
  account: {
    url: /^https:\/\/chat\.deepseek\.com\/api\/v0\/users\/current(?:\?|$)/,
    email: (json) => (json as { data?: { biz_data?: { email?: unknown } } } | null)?.data?.biz_data?.email,
  },
};
