/** Addresses of the extension's own pages, so the popup can link to them. */
import browser from 'webextension-polyfill';

/** The dashboard, optionally opened on one session. */
export function dashboardUrl(sessionKey?: string): string {
  const base = browser.runtime.getURL('src/ui/dashboard/index.html');
  return sessionKey === undefined ? base : `${base}?session=${encodeURIComponent(sessionKey)}`;
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}
