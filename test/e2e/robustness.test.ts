/**
 * What a hostile or unlucky page, and an MV3 browser, do to the bridge: malformed, wrong-version,
 * oversized and flooding messages are counted and dropped while the page keeps working; a service
 * worker stopped mid-flight loses and duplicates nothing; retention and the storage cap evict the
 * oldest events, recompute their sessions and count what they removed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright';
import { LIMITS } from '../../sdk/src/schema';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { ask, eventually, openExtensionPage } from './helpers/background';
import { openBridgePage, postRaw, serveBridgePages, writeAndFlush, type BridgePages } from './helpers/bridge-page-server';
import { flowEvent, flowEvents } from './helpers/flow-events';

let browser: ExtensionBrowser;
let pages: BridgePages;
let extensionPage: Page;
let cdp: CDPSession;

before(async () => {
  pages = await serveBridgePages();
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
  cdp = await browser.context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
});

after(async () => {
  await browser?.close();
  await pages?.close();
});

const sessionKey = (id: string) => `${pages.allowed.origin} ${id}`;
const rejected = async () => (await ask(extensionPage, { type: 'diagnostics.get' })).rejected;

describe('robustness', () => {
  test('malformed, wrong-version, oversized and flooding messages: nothing stored, counted, the page keeps working', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const oversized = { ...flowEvent({ sessionId: 'bad-size' }), padding: 'x'.repeat(LIMITS.bridgeMessageChars) };
    await postRaw(page, [
      { channel: 'outflow', v: 1, type: 'events', events: [{ id: 'not-an-event' }] },
      { channel: 'outflow', v: 1, type: 'events', events: [flowEvent({ sessionId: 'bad-shape', decision: 'allowed' }), { schemaVersion: 1 }] },
      { channel: 'outflow', v: 1, type: 'surprise' },
      { channel: 'outflow', v: 2, type: 'events', events: [flowEvent({ sessionId: 'bad-version' })] },
      { channel: 'outflow', v: 1, type: 'events', events: [oversized] },
    ]);
    await eventually(rejected, (counts) => counts.invalid === 3 && counts['unknown-version'] === 1 && counts['too-large'] === 1);

    // A flood of valid single-event messages: what the rate limit lets through is stored, the rest is counted.
    const flood = flowEvents(400, { sessionId: 'flood' });
    await postRaw(page, flood.map((event) => ({ channel: 'outflow', v: 1, type: 'events', events: [event] })));
    const counts = await eventually(rejected, (value) => (value['rate-limited'] ?? 0) > 0);
    const limited = counts['rate-limited'] ?? 0;
    assert.ok(limited >= 300, `a burst of 400 is mostly refused (refused ${limited})`);
    const floodSession = await eventually(
      () => ask(extensionPage, { type: 'dashboard.session', key: sessionKey('flood') }),
      (value) => value?.session.calls === 400 - limited,
    );
    assert.equal(floodSession?.events.length, 400 - limited);

    for (const id of ['bad-size', 'bad-shape', 'bad-version']) {
      assert.equal(await ask(extensionPage, { type: 'dashboard.session', key: sessionKey(id) }), null, `nothing stored for ${id}`);
    }

    // Once the bucket refills, the same page's SDK is served again.
    await page.waitForTimeout(3500);
    assert.deepEqual(await writeAndFlush(page, [flowEvent({ sessionId: 'after-abuse' })]), { pending: 0, connected: true });
    assert.equal((await ask(extensionPage, { type: 'dashboard.session', key: sessionKey('after-abuse') }))?.session.calls, 1);
    await page.close();
  });

  test('the service worker is stopped while events are in flight: every event is stored exactly once', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const events = flowEvents(600, { sessionId: 'worker-stop' });
    let stopped = 0;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      stopped += versions.filter((v) => v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`) && v.runningStatus === 'stopped').length;
    });
    const stops: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      const batch = events.slice(i * 100, (i + 1) * 100);
      await page.evaluate((b) => (window as unknown as { outflowBridge: { write(e: unknown[]): void } }).outflowBridge.write(b), batch);
      stops.push(cdp.send('ServiceWorker.stopAllWorkers'));
      await page.waitForTimeout(50);
    }
    await Promise.all(stops);
    const result = await writeAndFlush(page, []);
    assert.ok(stopped > 0, 'the worker was really stopped');
    assert.equal(result.pending, 0);
    const detail = await ask(extensionPage, { type: 'dashboard.session', key: sessionKey('worker-stop') });
    assert.equal(detail?.session.calls, 600);
    assert.equal(new Set(detail?.events.map((e) => e.id)).size, 600);
    assert.deepEqual(detail?.events.map((e) => e.id), events.map((e) => e.id));
    await page.close();
  });

  test('retention removes old events and the storage cap the oldest, each counted, sessions recomputed', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const day = 86_400_000;
    const old = flowEvents(50, { sessionId: 'retention-old', timestamp: new Date(Date.now() - 3 * day).toISOString() });
    const aging = Date.now() - day / 2;
    const capped = Array.from({ length: 1100 }, (_, seq) =>
      flowEvent({ sessionId: 'cap-oldest', seq, timestamp: new Date(aging + seq * 1000).toISOString() }),
    );
    for (const chunk of [old, capped.slice(0, 550), capped.slice(550)]) {
      assert.equal((await writeAndFlush(page, chunk)).pending, 0);
    }
    const before = await ask(extensionPage, { type: 'diagnostics.get' });

    await ask(extensionPage, { type: 'settings.set', retentionDays: 1 });
    const afterRetention = await ask(extensionPage, { type: 'diagnostics.get' });
    assert.equal(afterRetention.evicted.retention - before.evicted.retention, 50);
    assert.equal(await ask(extensionPage, { type: 'dashboard.session', key: sessionKey('retention-old') }), null);

    const settings = await ask(extensionPage, { type: 'settings.set', maxEvents: 1000 });
    assert.equal(settings.maxEvents, 1000);
    const afterCap = await ask(extensionPage, { type: 'diagnostics.get' });
    const evicted = afterRetention.storedEvents - 1000;
    assert.equal(afterCap.storedEvents, 1000);
    assert.equal(afterCap.evicted.cap - afterRetention.evicted.cap, evicted);
    // The cap session's events are the oldest stored: exactly its first `evicted` calls went.
    const detail = await ask(extensionPage, { type: 'dashboard.session', key: sessionKey('cap-oldest') });
    assert.equal(detail?.session.calls, 1100 - evicted);
    assert.equal(detail?.events[0]?.seq, evicted);
    assert.equal(detail?.session.firstSeen, Date.parse(capped[evicted]!.timestamp));
    await page.close();
  });
});
