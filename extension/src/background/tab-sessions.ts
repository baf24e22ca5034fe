/**
 * Which session each tab is showing, in `storage.session`: it survives the service worker being
 * stopped, and is cleared with the browser session, exactly as tab ids are.
 */
import browser from 'webextension-polyfill';

const keyOf = (tabId: number) => `tab:${tabId}`;

export async function setTabSession(tabId: number, sessionKey: string): Promise<void> {
  await browser.storage.session.set({ [keyOf(tabId)]: sessionKey });
}

export async function tabSession(tabId: number): Promise<string | undefined> {
  const value = (await browser.storage.session.get(keyOf(tabId)))[keyOf(tabId)];
  return typeof value === 'string' ? value : undefined;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}
