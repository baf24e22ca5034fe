/** Which requests the wrapper hands over: non-GET requests to URLs the site's adapter names. */
import type { SiteWire } from '../sites/types';
import { P } from './primordials';

export function absoluteUrl(url: string | URL): string {
  return new P.URL(String(url), P.location.href).href;
}

export function isHandedOver(site: SiteWire, method: string, url: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && site.http.some((pattern) => pattern.test(url));
}

/** The domain of an address the page showed us; the address itself stays here. */
export function emailDomain(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).trim().toLowerCase() : '';
  return /^[a-z0-9.-]{1,253}\.[a-z]{2,63}$/.test(domain) ? domain : undefined;
}
