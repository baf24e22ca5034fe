/**
 * A full disk, for real: Chromium's quota for the extension's origin is overridden through CDP
 * (`Storage.overrideQuotaForOrigin`) until IndexedDB commits fail with `QuotaExceededError`.
 * While it is exhausted, a page's events are neither acknowledged nor lost (the SDK's sink keeps
 * and resends them), the refusal and every event evicted to make room show in diagnostics, and
 * the page keeps working; once space is back, the resend stores every event exactly once.
 *
 * Chromium caches an origin's remaining space for up to 30 s (IndexedDB's `BucketContext`), so a
 * lowered quota is not seen at once: the test sets a modest quota before the first write, and
 * after lowering it makes one oversized write (aborted, nothing stored) that forces Chromium to
 * ask the quota manager again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright';
import type { FlowEvent } from '../../sdk/src/schema';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { ask, eventually, openExtensionPage } from './helpers/background';
import { openBridgePage, serveBridgePages, writeAndFlush, type BridgePages } from './helpers/bridge-page-server';
import { flowEvents } from './helpers/flow-events';

let browser: ExtensionBrowser;
let pages: BridgePages;
let extensionPage: Page;
let cdp: CDPSession;
let origin: string;

before(async () => {
  pages = await serveBridgePages();
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
  cdp = await browser.context.newCDPSession(extensionPage);
  origin = `chrome-extension://${browser.extensionId}`;
});

after(async () => {
  await browser?.close();
  await pages?.close();
});

const usage = async () => (await cdp.send('Storage.getUsageAndQuota', { origin })).usage;
const setQuota = (quotaSize?: number) => cdp.send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin } : { origin, quotaSize });
const diagnostics = () => ask(extensionPage, { type: 'diagnostics.get' });
const sessionKey = (id: string) => `${pages.allowed.origin} ${id}`;

/** A write straight into the extension's database from its worker, too big for what is left: how it ends. */
async function oversizedWrite(): Promise<string> {
  return browser.serviceWorker.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('outflow');
        open.onerror = () => resolve(`open failed: ${open.error?.name}`);
        open.onsuccess = () => {
          const connection = open.result;
          const tx = connection.transaction('counters', 'readwrite');
          const store = tx.objectStore('counters');
          // 16 MB that does not compress, in values small enough not to be stored as blobs.
          // (No named functions in here: tsx would wrap them in a helper the worker does not have.)
          for (let i = 0; i < 320; i++) {
            store.put({ name: `quota-test-filler-${i}`, value: Array.from({ length: 5000 }, () => Math.random().toString(36).slice(2, 12)).join('') });
          }
          tx.oncomplete = () => {
            // Not expected; undo it so the store is as it was.
            connection.transaction('counters', 'readwrite').objectStore('counters').delete(IDBKeyRange.bound('quota-test-filler-', 'quota-test-filler-~'));
            connection.close();
            resolve('committed');
          };
          tx.onabort = () => {
            connection.close();
            resolve(tx.error?.name ?? 'aborted');
          };
        };
      }),
  );
}

interface PageState {
  pending: number;
  connected: boolean;
  acked: string[];
}

/** The page's sink state, and every id the extension acknowledged to the page since `watchAcks`. */
const pageState = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { outflowBridge: { pending: number; connected: boolean }; acked: string[] };
    return { pending: w.outflowBridge.pending, connected: w.outflowBridge.connected, acked: [...w.acked] } satisfies PageState;
  });

const watchAcks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { acked: string[] };
    w.acked = [];
    window.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { channel?: string; type?: string; ids?: string[] } | null;
      if (data?.channel === 'outflow' && data.type === 'ack') w.acked.push(...(data.ids ?? []));
    });
  });

/** Writes without waiting for a flush (a flush would sit out its whole timeout while nothing is acked). */
const write = (page: Page, events: FlowEvent[]) =>
  page.evaluate((batch) => (window as unknown as { outflowBridge: { write(e: unknown[]): void } }).outflowBridge.write(batch), events);

describe('quota', () => {
  test('a full disk: events are kept by the page and resent, the refusal is counted, every event is stored once after', async (t) => {
    // Before the first write, so the space Chromium caches is already the overridden one.
    await setQuota((await usage()) + 4_000_000);
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    await watchAcks(page);

    const earlier = flowEvents(300, { sessionId: 'quota-earlier' });
    assert.deepEqual(await writeAndFlush(page, earlier), { pending: 0, connected: true });
    const before = await diagnostics();
    assert.equal(before.storedEvents, 300);

    // The disk is full: the quota drops below what is used.
    await setQuota(1);
    assert.equal(await oversizedWrite(), 'QuotaExceededError', 'IndexedDB really refuses writes now');

    const blocked = flowEvents(20, { sessionId: 'quota-blocked' });
    const later = flowEvents(5, { sessionId: 'quota-later' });
    await write(page, blocked);
    // The refusal reaches diagnostics, and the page's sink has resent (every 400 ms) without an ack.
    const during = await eventually(diagnostics, (d) => (d.rejected['quota-exceeded'] ?? 0) >= 2);
    await write(page, later); // the page keeps working: the sink takes more events and stays connected
    await page.waitForTimeout(1500);
    const held = await pageState(page);
    assert.equal(held.connected, true);
    assert.equal(held.pending, 25, 'every unacknowledged event is still held by the page');
    assert.deepEqual(held.acked.filter((id) => !earlier.some((e) => e.id === id)), [], 'nothing written during the full disk was acknowledged');
    assert.equal(await page.evaluate(() => document.title), 'Bridge test page');

    const full = await diagnostics();
    assert.equal(await ask(extensionPage, { type: 'dashboard.session', key: sessionKey('quota-blocked') }), null, 'nothing of the refused batch is stored');
    // Whatever was evicted to make room is counted: no stored event disappears uncounted.
    const evicted = full.evicted.cap - before.evicted.cap;
    assert.equal(full.storedEvents + evicted, 300, `stored ${full.storedEvents} + evicted ${evicted}`);
    // One eviction per full-disk episode, of the oldest tenth: resends do not keep emptying the store.
    assert.ok(evicted <= 30, `evicted ${evicted} of 300`);
    assert.equal(during.evicted.retention, before.evicted.retention);
    t.diagnostic(`full disk: ${full.storedEvents} stored, ${evicted} evicted, ${full.rejected['quota-exceeded']} batches refused`);

    // Space again: the sink's next resend is stored, exactly once.
    await setQuota();
    const recovered = await eventually(() => pageState(page), (s) => s.pending === 0, 15_000);
    assert.deepEqual(new Set(recovered.acked), new Set([...earlier, ...blocked, ...later].map((e) => e.id)));
    for (const [id, events] of [['quota-blocked', blocked], ['quota-later', later]] as const) {
      const detail = await ask(extensionPage, { type: 'dashboard.session', key: sessionKey(id) });
      assert.equal(detail?.session.calls, events.length, id);
      assert.deepEqual(detail?.events.map((e) => e.id), events.map((e) => e.id), id);
    }
    const end = await diagnostics();
    assert.equal(end.storedEvents, full.storedEvents + 25);
    assert.ok((end.rejected['quota-exceeded'] ?? 0) >= (during.rejected['quota-exceeded'] ?? 0), 'the count survives recovery');
    assert.equal(end.evicted.cap, full.evicted.cap);
    await page.close();
  });
});
