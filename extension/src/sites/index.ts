/** Every site adapter, and which one serves an origin. */
import type { AppId, SiteAdapter } from './types';
import { chatgpt } from './chatgpt/adapter';

export const SITES: readonly SiteAdapter[] = [chatgpt];

export function siteForOrigin(origin: string): SiteAdapter | undefined {
  return SITES.find((site) => site.wire.origin === origin);
}

export function siteById(app: AppId | string): SiteAdapter | undefined {
  return SITES.find((site) => site.wire.app === app);
}
