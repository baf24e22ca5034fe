/**
 * Which tab the popup describes: `?tabId=N` when given (tests and the demo open the popup as a
 * page), otherwise the active tab of the current window.
 */
import browser from 'webextension-polyfill';

export async function resolveTabId(search = location.search): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
