/** The content script's calls to the background, each returning undefined when the extension cannot answer. */
import browser from 'webextension-polyfill';
import type { Reply, WebAppMessage, WebAppReplies } from '../messages';

export async function askBackground<M extends WebAppMessage>(message: M): Promise<WebAppReplies[M['type']] | undefined> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<WebAppReplies[M['type']]> | undefined;
    return reply?.ok ? reply.data : undefined;
  } catch {
    // The worker is restarting or the extension was reloaded.
    return undefined;
  }
}
