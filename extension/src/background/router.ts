/**
 * Every runtime message goes through here: parsed with the shared union, its sender checked
 * (content messages only from our content script on an allowed origin, UI messages only from the
 * extension's own pages), then handed to its named handler. Refusals are counted by reason.
 */
import type { Runtime } from 'webextension-polyfill';
import { ContentMessageSchema, RuntimeMessageSchema, WebAppMessageSchema, type ContentMessage, type Reply, type UiMessage, type WebAppMessage } from '../messages';
import { siteForOrigin } from '../sites/index';
import { addToCounters, REJECTED_PREFIX } from '../store/counters';
import { db } from '../store/db';
import { contentHandlers, uiHandlers, type ContentSender } from './handlers';
import { isAllowedOrigin } from './origins';
import { isContentScript, isExtensionPage, senderOrigin } from './sender';
import { getSettings, listedOrigins } from './settings';
import { webAppHandlers } from './webapp/handlers';
import type { WebAppSender } from './webapp/capture';

const CONTENT_TYPES = new Set<string>(ContentMessageSchema.options.map((option) => option.shape.type.value));
const WEB_APP_TYPES = new Set<string>(WebAppMessageSchema.options.map((option) => option.shape.type.value));

async function refuse(reason: string, error: string): Promise<Reply<never>> {
  await addToCounters(db(), { [REJECTED_PREFIX + reason]: 1 }).catch(() => undefined);
  return { ok: false, error };
}

/** Handler failures become a readable reply; no raw value can be in them (handlers only see validated events). */
async function run<T>(handler: () => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, data: await handler() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function contentSender(sender: Runtime.MessageSender): Promise<ContentSender | undefined> {
  const origin = senderOrigin(sender);
  const tabId = sender.tab?.id;
  if (origin === undefined || tabId === undefined) return undefined;
  return isAllowedOrigin(origin, listedOrigins(await getSettings())) ? { origin, tabId } : undefined;
}

/** A web-app message's sender: our content script in a tab of one of the seven apps, whose adapter the origin names. */
function webAppSender(sender: Runtime.MessageSender): WebAppSender | undefined {
  const origin = senderOrigin(sender);
  const tabId = sender.tab?.id;
  const site = origin === undefined ? undefined : siteForOrigin(origin);
  return site && origin !== undefined && tabId !== undefined ? { site, origin, tabId } : undefined;
}

export async function route(raw: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> {
  const parsed = RuntimeMessageSchema.safeParse(raw);
  if (!parsed.success) return refuse('invalid-runtime-message', 'Invalid message.');
  const message = parsed.data;
  if (WEB_APP_TYPES.has(message.type)) {
    if (!isContentScript(sender)) return refuse('content-message-from-elsewhere', 'Not accepted from this sender.');
    const from = webAppSender(sender);
    if (!from) return refuse('origin-not-allowed', 'This origin is not an AI app the extension reads.');
    const webApp = message as WebAppMessage;
    const handler = webAppHandlers[webApp.type] as (m: WebAppMessage, s: WebAppSender) => Promise<unknown>;
    return run(() => handler(webApp, from));
  }
  if (CONTENT_TYPES.has(message.type)) {
    if (!isContentScript(sender)) return refuse('content-message-from-elsewhere', 'Not accepted from this sender.');
    const from = await contentSender(sender);
    if (!from) return refuse('origin-not-allowed', 'This origin is not allowed.');
    const content = message as ContentMessage;
    const handler = contentHandlers[content.type] as (m: ContentMessage, s: ContentSender) => Promise<unknown>;
    return run(() => handler(content, from));
  }
  if (!isExtensionPage(sender)) return refuse('ui-message-from-page', 'Not accepted from this sender.');
  const ui = message as UiMessage;
  const handler = uiHandlers[ui.type] as (m: UiMessage) => Promise<unknown>;
  return run(() => handler(ui));
}
