/**
 * Talking to the extension's background from a test the way the UI does: `runtime.sendMessage`
 * from one of the extension's own pages (the background serves UI messages only to those).
 */
import type { Page } from 'playwright';
import type { Reply, UiMessage, UiReplies } from '../../../extension/src/messages';
import type { ExtensionBrowser } from './browser';

/** Opens the options page: an extension page from which UI messages are accepted. */
export async function openExtensionPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('src/ui/options/index.html'));
  return page;
}

/** Sends a UI message and returns the background's raw `Reply`. */
export async function askReply<M extends UiMessage>(page: Page, message: M): Promise<Reply<UiReplies[M['type']]>> {
  return page.evaluate(async (m) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    return chrome.runtime.sendMessage(m);
  }, message as unknown) as Promise<Reply<UiReplies[M['type']]>>;
}

/** Sends a UI message and unwraps the reply, throwing the background's error text. */
export async function ask<M extends UiMessage>(page: Page, message: M): Promise<UiReplies[M['type']]> {
  const reply = await askReply(page, message);
  if (!reply.ok) throw new Error(`${message.type}: ${reply.error}`);
  return reply.data;
}

/** Polls until `read` returns a value `done` accepts; fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
