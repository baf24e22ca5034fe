/**
 * The bridge end to end: the SDK's real sink in a page, the built extension in Chromium. Valid
 * events from an allowed origin are stored once and acknowledged; a page on a not-allowed origin
 * stores nothing; the stored origin is the sender's, whatever the payload claims.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { ask, askReply, eventually, openExtensionPage } from './helpers/background';
import { openBridgePage, postRaw, serveBridgePages, writeAndFlush, type BridgePages } from './helpers/bridge-page-server';
import type { FlowEvent } from '../../sdk/src/schema';
import { emailFinding, flowEvent, flowEvents } from './helpers/flow-events';

const OUTPUT = resolve(import.meta.dirname, '../../test-output');

let browser: ExtensionBrowser;
let pages: BridgePages;
let extensionPage: Page;

before(async () => {
  await mkdir(OUTPUT, { recursive: true });
  pages = await serveBridgePages();
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
});

after(async () => {
  await browser?.close();
  await pages?.close();
});

describe('bridge', () => {
  test('valid events from an allowed origin are stored once and acknowledged, resends included', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const events = flowEvents(5, { sessionId: 'bridge-once' });
    events[1] = { ...events[1]!, findings: [emailFinding(2)] };
    assert.deepEqual(await writeAndFlush(page, events), { pending: 0, connected: true });
    // The same events again, as the sink does after a lost ack: acknowledged, not duplicated.
    assert.deepEqual(await writeAndFlush(page, events), { pending: 0, connected: true });

    const key = `${pages.allowed.origin} bridge-once`;
    const detail = await ask(extensionPage, { type: 'dashboard.session', key });
    assert.ok(detail);
    assert.deepEqual(detail.events.map((e) => e.id), events.map((e) => e.id));
    assert.equal(detail.session.calls, 5);
    assert.deepEqual(detail.session.findingsByType, { EMAIL: 2 });
    assert.equal(detail.session.origin, pages.allowed.origin);
    assert.ok(detail.events.every((e) => e.origin === pages.allowed.origin && e.sessionKey === key));
    await page.close();
  });

  test('events written just before a reload are stored once; what the extension has not acknowledged, the next page of the tab takes over', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const events = flowEvents(4, { sessionId: 'bridge-reload' });
    // Written and gone in one task: the extension cannot have acknowledged them when the page unloads.
    await Promise.all([page.waitForEvent('load'), page.evaluate((batch) => {
      (window as unknown as { outflowBridge: { write(events: unknown[]): void } }).outflowBridge.write(batch);
      location.reload();
    }, events)]);
    const restored = await page.evaluate(() => (window as unknown as { outflowRestored: number }).outflowRestored);
    const key = `${pages.allowed.origin} bridge-reload`;
    const detail = await eventually(
      () => ask(extensionPage, { type: 'dashboard.session', key }),
      (found) => (found?.events.length ?? 0) >= events.length,
    );
    assert.deepEqual(detail!.events.map((e) => e.id).sort(), events.map((e) => e.id).sort());
    assert.equal(detail!.session.calls, events.length, `stored once each (${restored} taken over by the next page)`);
    await page.close();

    // Where the extension never acknowledges (an origin it does not serve), the events wait in the tab across the reload.
    const waiting = await openBridgePage(browser, `${pages.foreign.origin}/`, { waitForReady: false });
    const unacknowledged = flowEvents(3, { sessionId: 'bridge-waiting' });
    await Promise.all([waiting.waitForEvent('load'), waiting.evaluate((batch) => {
      (window as unknown as { outflowBridge: { write(events: unknown[]): void } }).outflowBridge.write(batch);
      location.reload();
    }, unacknowledged)]);
    assert.equal(await waiting.evaluate(() => (window as unknown as { outflowRestored: number }).outflowRestored), unacknowledged.length);
    await waiting.close();
  });

  test('the popup’s tab summary and the badge follow the tab’s session', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/?tab-summary`);
    await writeAndFlush(page, [flowEvent({ sessionId: 'bridge-tab', findings: [emailFinding(3)] })]);
    const tabId = await browser.serviceWorker.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } };
      return (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id;
    }, page.url());
    assert.ok(tabId !== undefined);
    const summary = await ask(extensionPage, { type: 'popup.tabSummary', tabId });
    assert.equal(summary?.session.sessionId, 'bridge-tab');
    assert.equal(summary?.lastCalls.length, 1);
    const badge = await browser.serviceWorker.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } };
      return chrome.action.getBadgeText({ tabId: id });
    }, tabId);
    assert.equal(badge, '3');
    await page.close();
  });

  test('a page on a not-allowed origin posts forged events: nothing is stored, the SDK stays unconnected', async () => {
    const page = await openBridgePage(browser, `${pages.foreign.origin}/`, { waitForReady: false });
    const forged = flowEvents(3, { sessionId: 'forged-foreign' });
    await postRaw(page, [
      { channel: 'outflow', v: 1, type: 'hello', app: 'forger' },
      { channel: 'outflow', v: 1, type: 'events', events: forged },
    ]);
    const result = await writeAndFlush(page, flowEvents(2, { sessionId: 'forged-foreign' }));
    assert.equal(result.connected, false);
    // Give a (wrongly) injected bridge time to forward, then look for anything from that origin.
    await page.waitForTimeout(500);
    const { sessions } = await ask(extensionPage, { type: 'dashboard.sessions', filter: { origin: pages.foreign.origin }, limit: 10, offset: 0 });
    assert.deepEqual(sessions, []);
    const facets = await ask(extensionPage, { type: 'dashboard.facets' });
    assert.ok(!facets.origins.includes(pages.foreign.origin));
    await page.close();
  });

  test('events claiming another origin or session key are stored under the sender’s origin', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const claimed = { ...flowEvent({ sessionId: 'claims-other' }), origin: 'https://intranet.example.com', sessionKey: 'https://intranet.example.com claims-other' };
    await postRaw(page, [{ channel: 'outflow', v: 1, type: 'events', events: [claimed] }]);
    const key = `${pages.allowed.origin} claims-other`;
    const detail = await eventually(
      () => ask(extensionPage, { type: 'dashboard.session', key }),
      (value) => value !== null,
    );
    assert.equal(detail?.events[0]?.origin, pages.allowed.origin);
    const spoofed = await ask(extensionPage, { type: 'dashboard.sessions', filter: { origin: 'https://intranet.example.com' }, limit: 10, offset: 0 });
    assert.equal(spoofed.total, 0);
    await page.close();
  });

  test('the session detail says what was not scanned, and that an older SDK’s event has no coverage recorded', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    const [complete, partial, legacy] = flowEvents(3, { sessionId: 'bridge-coverage' });
    const unscanned = [{ where: 'file', reason: 'size' as const, bytes: 9_100_000 }, { where: 'messages[0].content[1].image_url.url', reason: 'binary' as const, bytes: 70 }];
    const { coverage: _dropped, ...v1 } = { ...legacy!, schemaVersion: 1 };
    await writeAndFlush(page, [complete!, { ...partial!, coverage: { complete: false, unscanned } }, v1 as unknown as FlowEvent]);
    const key = `${pages.allowed.origin} bridge-coverage`;
    const dashboard = await browser.context.newPage();
    await dashboard.goto(`${browser.extensionUrl('src/ui/dashboard/index.html')}?session=${encodeURIComponent(key)}`);
    const calls = dashboard.getByTestId('session-detail').getByTestId('timeline-call');
    await calls.nth(2).waitFor();
    const notes = await calls.evaluateAll((items) => items.map((item) => item.querySelector('[data-testid="call-coverage"]')?.getAttribute('data-coverage') ?? 'complete'));
    assert.deepEqual(notes, ['complete', 'incomplete', 'unrecorded']);
    assert.match(await calls.nth(1).getByTestId('call-coverage').innerText(), /Not scanned: file \(size, 9\.1 MB\), messages\[0\]\.content\[1\]\.image_url\.url \(binary, 70 B\)/);
    assert.match(await calls.nth(2).getByTestId('call-coverage').innerText(), /Coverage not recorded/);
    await dashboard.close();
    await page.close();
  });

  test('export, delete all, re-import gives the same sessions; a tampered export is refused', async () => {
    const before = await ask(extensionPage, { type: 'dashboard.sessions', filter: {}, limit: 1000, offset: 0 });
    assert.ok(before.total > 0);
    const doc = (await ask(extensionPage, { type: 'data.export' })) as { sessions: { calls: number }[]; events: unknown[] };
    const tampered = structuredClone(doc);
    tampered.sessions[0]!.calls += 1;
    const refused = await askReply(extensionPage, { type: 'data.import', doc: tampered });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.error, /digest does not match/);

    const deleted = await ask(extensionPage, { type: 'data.deleteAll' });
    assert.equal(deleted.deletedEvents, doc.events.length);
    assert.equal((await ask(extensionPage, { type: 'dashboard.sessions', filter: {}, limit: 1000, offset: 0 })).total, 0);
    const imported = await ask(extensionPage, { type: 'data.import', doc });
    assert.deepEqual(imported, { sessions: before.total, events: doc.events.length, skippedExisting: 0 });
    const after = await ask(extensionPage, { type: 'dashboard.sessions', filter: {}, limit: 1000, offset: 0 });
    assert.deepEqual(after, before);
    const again = await ask(extensionPage, { type: 'data.import', doc });
    assert.equal(again.skippedExisting, doc.events.length, 'a second import stores nothing twice');
  });

  test('the options page renders (Preact) with the built-in origins, settings and diagnostics, labelled', async () => {
    await extensionPage.reload();
    await extensionPage.getByRole('heading', { name: 'Allowed origins' }).waitFor();
    const origins = await extensionPage.getByTestId('origins-list').innerText();
    assert.match(origins, /http:\/\/localhost/);
    assert.match(origins, /http:\/\/127\.0\.0\.1/);
    assert.equal(await extensionPage.getByLabel('Keep events for (days)').inputValue(), '30');
    assert.equal(await extensionPage.getByLabel('Keep at most (events)').inputValue(), '200000');
    assert.ok(Number(await extensionPage.getByTestId('stored-events').innerText()) > 0);
    await extensionPage.screenshot({ path: resolve(OUTPUT, 'options.png'), fullPage: true });
  });

  test('a web page cannot use the background’s UI messages', async () => {
    const page = await openBridgePage(browser, `${pages.allowed.origin}/`);
    // A page has no chrome.runtime.sendMessage to the extension without externally_connectable.
    const reachable = await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage === 'function');
    assert.equal(reachable, false);
    await page.close();
  });
});
