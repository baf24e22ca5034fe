/** Gemini in the page's world: its batchexecute-style endpoints and Google's upload host. */
import type { SiteWire } from '../types';

export const geminiWire: SiteWire = {
  app: 'gemini',
  origin: 'https://gemini.google.com',
  http: [/^https:\/\/gemini\.google\.com\/_\//, /^https:\/\/content-push\.googleapis\.com\/upload/],
  // The page's bootstrap data names the account (WIZ_global_data.oPEP7c).
  pageEmail: () => (window as unknown as { WIZ_global_data?: { oPEP7c?: unknown } }).WIZ_global_data?.oPEP7c,
};
