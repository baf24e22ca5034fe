/**
 * Who sent a runtime message. The content script's messages are only as trustworthy as the page
 * it runs in, so the background takes the origin from the browser's sender record (never from
 * the payload) and serves UI messages only to the extension's own pages.
 */
import browser from 'webextension-polyfill';
import type { Runtime } from 'webextension-polyfill';

/** The sending frame's origin, from the browser's record of the sender. */
export function senderOrigin(sender: Runtime.MessageSender): string | undefined {
  const origin = (sender as { origin?: string }).origin;
  if (origin && origin !== 'null') return origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** True for the popup, dashboard and options pages: extension pages, not a tab's content script. */
export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

/** True for our own content script running in a web page's tab. */
export function isContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isExtensionPage(sender);
}
