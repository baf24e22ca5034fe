/**
 * The page ↔ extension bridge (content script, isolated world, document_start). It only runs on
 * allowed origins, and the background checks the origin again from the browser's sender record.
 * Page messages are screened (version, size, schema) and rate-limited here; valid events go to
 * the background, and the page gets an `ack` with their ids once they are durably stored.
 * Dropped messages are counted and reported in batches. The page is told nothing else: `ready`
 * carries the extension version, `ack` the ids the page itself sent.
 */
import browser from 'webextension-polyfill';
import { BRIDGE_CHANNEL, BRIDGE_VERSION, type ExtensionToPage, type FlowEvent } from '@outflow/sdk/schema';
import type { ContentMessage, ContentReplies, Reply } from '../messages';
import { isPageMessage, screenMessage, type RejectReason } from './screen';
import { tokenBucket } from './token-bucket';

/** Room for the SDK's hello retries and a resend burst after a worker restart; a flood is cut off. */
const RATE = { capacity: 60, perSecond: 20 };
/** Rejections are reported at most this often. */
const REPORT_EVERY_MS = 1000;

const bucket = tokenBucket(RATE);
const rejected: Partial<Record<RejectReason, number>> = {};
let reportTimer: ReturnType<typeof setTimeout> | undefined;

async function send<M extends ContentMessage>(message: M): Promise<ContentReplies[M['type']] | undefined> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<ContentReplies[M['type']]> | undefined;
    return reply?.ok ? reply.data : undefined;
  } catch {
    // The worker is restarting or the extension was reloaded: no ack, so the SDK resends.
    return undefined;
  }
}

function reject(reason: RejectReason): void {
  rejected[reason] = (rejected[reason] ?? 0) + 1;
  reportTimer ??= setTimeout(() => {
    reportTimer = undefined;
    const counts = { ...rejected } as Record<string, number>;
    for (const key of Object.keys(rejected)) delete rejected[key as RejectReason];
    void send({ type: 'bridge.rejected', counts });
  }, REPORT_EVERY_MS);
}

function reply(message: ExtensionToPage): void {
  window.postMessage(message, location.origin);
}

async function onHello(app: string): Promise<void> {
  const ready = await send({ type: 'bridge.hello', app });
  if (ready) reply({ channel: BRIDGE_CHANNEL, v: BRIDGE_VERSION, type: 'ready', extensionVersion: ready.extensionVersion });
}

async function onEvents(events: FlowEvent[]): Promise<void> {
  const stored = await send({ type: 'bridge.events', events });
  if (stored && stored.ids.length > 0) reply({ channel: BRIDGE_CHANNEL, v: BRIDGE_VERSION, type: 'ack', ids: stored.ids });
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the page's own window: not frames, not other windows.
  if (event.source !== window || !isPageMessage(event.data)) return;
  if (!bucket.take()) return reject('rate-limited');
  const screened = screenMessage(event.data);
  if (screened.kind === 'reject') return reject(screened.reason);
  if (screened.kind === 'hello') void onHello(screened.app);
  else if (screened.kind === 'events') void onEvents(screened.events);
});
