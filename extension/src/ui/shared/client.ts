/**
 * How the extension's own pages talk to the background: one typed call per message, the
 * background's `Reply` unwrapped so a failure arrives as an `Error` carrying the background's text.
 */
import browser from 'webextension-polyfill';
import type { Reply, UiMessage, UiReplies } from '../../messages';

export async function ask<M extends UiMessage>(message: M): Promise<UiReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<UiReplies[M['type']]> | undefined;
  if (!reply) throw new Error(`No answer from the Outflow background for ${message.type}.`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
