/**
 * What a tab's navigation means for web-app capture: a visit when a tab arrives at an AI app's
 * domain (shadow-AI discovery), and the end of a web-app tab's state when it leaves the app. Only
 * the host name of the new URL is looked at; the URL is not kept.
 */
import browser from 'webextension-polyfill';
import { aiAppForHost } from '../../discovery/ai-apps';
import { recordVisit } from './discovery';
import { forgetTabState } from './tab-state';
import { siteById } from '../../sites/index';

const lastDomainKey = (tabId: number) => `visit:${tabId}`;

export async function onTabNavigated(tabId: number, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  const domain = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? (aiAppForHost(parsed.hostname)?.domain ?? '') : '';
  const key = lastDomainKey(tabId);
  const previous = (await browser.storage.session.get(key))[key];
  if (domain !== previous) {
    await browser.storage.session.set({ [key]: domain });
    if (domain !== '') await recordVisit(parsed.hostname);
  }
  await forgetTabState(tabId, (state) => siteById(state.app)?.wire.origin === parsed.origin);
}

export async function onTabClosed(tabId: number): Promise<void> {
  await Promise.all([browser.storage.session.remove(lastDomainKey(tabId)), forgetTabState(tabId)]);
}
