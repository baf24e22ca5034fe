import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionBridgeSink, type BridgeWindow } from '../../../sdk/src/sinks/extension-bridge';
import { LIMITS, PageToExtensionSchema, type FlowEvent, type PageToExtension } from '../../../sdk/src/schema';
import { flowEvent, flowEvents } from '../../e2e/helpers/flow-events';

/** A window stand-in: `postMessage` dispatches asynchronously to its own listeners, as a browser does. */
/** A tab's sessionStorage, shared by the pages it loads one after another. */
class FakeStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

class FakeWindow implements BridgeWindow {
  private readonly events = new EventTarget();
  readonly location = { origin: 'http://127.0.0.1:5173' };
  readonly targetOrigins: string[] = [];

  constructor(readonly sessionStorage?: FakeStorage) {}

  /** The page unloads. */
  hide(): void {
    this.events.dispatchEvent(new Event('pagehide'));
  }

  postMessage(message: unknown, targetOrigin: string): void {
    this.targetOrigins.push(targetOrigin);
    setTimeout(() => this.deliver(message, this), 0);
  }

  /** Dispatches a message as if `source` had posted it (the real extension's source is this window). */
  deliver(data: unknown, source: unknown): void {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: data }, source: { value: source } });
    this.events.dispatchEvent(event);
  }

  addEventListener(type: 'message' | 'pagehide', listener: (event: MessageEvent) => void): void {
    this.events.addEventListener(type, listener as EventListener);
  }

  removeEventListener(type: 'message' | 'pagehide', listener: (event: MessageEvent) => void): void {
    this.events.removeEventListener(type, listener as EventListener);
  }
}

interface FakeExtensionOptions {
  /** Answer `hello`. @default true */
  answer?: boolean;
  /** Acknowledge a batch (called per received batch). @default always */
  ack?: (batch: FlowEvent[], index: number) => boolean;
}

/** The content script's side: records every valid page message, answers hello, acks batches. */
function fakeExtension(win: FakeWindow, options: FakeExtensionOptions = {}) {
  const received: PageToExtension[] = [];
  const batches: FlowEvent[][] = [];
  win.addEventListener('message', (event) => {
    const parsed = PageToExtensionSchema.safeParse(event.data);
    if (!parsed.success) return;
    received.push(parsed.data);
    if (parsed.data.type === 'hello') {
      if (options.answer !== false) win.postMessage({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '0.1.0' }, '*');
      return;
    }
    const batch = parsed.data.events;
    batches.push(batch);
    if (options.ack?.(batch, batches.length - 1) ?? true) {
      win.postMessage({ channel: 'outflow', v: 1, type: 'ack', ids: batch.map((e) => e.id) }, '*');
    }
  });
  return { received, batches };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await tick();
  }
}

describe('extensionBridgeSink', () => {
  test('says hello with the app name, connects on ready, and posts to the page’s own origin', async () => {
    const win = new FakeWindow();
    const ext = fakeExtension(win);
    const sink = extensionBridgeSink({ app: 'support-assistant', target: win });
    await until(() => sink.connected);
    assert.deepEqual(ext.received[0], { channel: 'outflow', v: 1, type: 'hello', app: 'support-assistant' });
    assert.equal(win.targetOrigins[0], 'http://127.0.0.1:5173');
    await sink.close?.();
  });

  test('events are buffered until acknowledged, and flush resolves once everything is acked', async () => {
    const win = new FakeWindow();
    const ext = fakeExtension(win);
    const sink = extensionBridgeSink({ app: 'a', target: win });
    const events = flowEvents(3);
    await sink.write(events);
    assert.equal(sink.pending, 3);
    await sink.flush?.();
    assert.equal(sink.pending, 0);
    assert.deepEqual(ext.batches.flat().map((e) => e.id), events.map((e) => e.id));
    await sink.close?.();
  });

  test('unacknowledged events are resent after resendAfterMs, and acked ones are not', async () => {
    const win = new FakeWindow();
    // The first batch is lost (no ack), as when the service worker stops mid-write.
    const ext = fakeExtension(win, { ack: (_batch, index) => index > 0 });
    const sink = extensionBridgeSink({ app: 'a', target: win, resendAfterMs: 30 });
    const events = flowEvents(2);
    await sink.write(events);
    await sink.flush?.();
    assert.equal(sink.pending, 0);
    assert.equal(ext.batches.length, 2);
    assert.deepEqual(ext.batches[1]?.map((e) => e.id), events.map((e) => e.id));
    await tick(80);
    assert.equal(ext.batches.length, 2, 'nothing is resent once acknowledged');
    await sink.close?.();
  });

  test('a new ready (a restarted extension) resends everything unacknowledged at once', async () => {
    const win = new FakeWindow();
    const ext = fakeExtension(win, { ack: () => false });
    const sink = extensionBridgeSink({ app: 'a', target: win, resendAfterMs: 60_000 });
    await until(() => sink.connected);
    await sink.write([flowEvent()]);
    await until(() => ext.batches.length === 1);
    win.deliver({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '0.1.0' }, win);
    await until(() => ext.batches.length === 2);
    assert.equal(ext.batches[1]?.[0]?.id, ext.batches[0]?.[0]?.id);
    await sink.close?.();
  });

  test('batches stay within the count and serialized-size limits', async () => {
    const win = new FakeWindow();
    const ext = fakeExtension(win);
    const sink = extensionBridgeSink({ app: 'a', target: win, maxBuffered: 1000 });
    await until(() => sink.connected);
    // ~20 KB each: size, not count, cuts these batches.
    const big = flowEvents(60).map((e) => ({ ...e, destination: { ...e.destination, path: '/v1/' + 'x'.repeat(1000) } }));
    const heavy = big.map((e) => ({ ...e, findings: Array.from({ length: 40 }, (_, i) => ({ type: 'EMAIL', category: 'pii' as const, count: 1, confidence: 1, field: `messages[${i}].content`.padEnd(300, ' '), samples: [], action: 'log' as const })) }));
    await sink.write([...flowEvents(250), ...heavy]);
    await sink.flush?.();
    assert.equal(ext.batches.flat().length, 310);
    for (const batch of ext.batches) {
      assert.ok(batch.length <= LIMITS.eventsPerBatch);
      assert.ok(JSON.stringify({ channel: 'outflow', v: 1, type: 'events', events: batch }).length <= LIMITS.bridgeMessageChars);
    }
    await sink.close?.();
  });

  test('the buffer is bounded: the oldest events are dropped and counted', async () => {
    const win = new FakeWindow();
    fakeExtension(win, { answer: false });
    const sink = extensionBridgeSink({ app: 'a', target: win, maxBuffered: 5, readyTimeoutMs: 50 });
    await sink.write(flowEvents(8));
    assert.equal(sink.pending, 5);
    assert.equal(sink.dropped, 3);
    await sink.close?.();
  });

  test('without an extension, flush resolves after readyTimeoutMs and nothing is ever posted but hello', async () => {
    const win = new FakeWindow();
    const ext = fakeExtension(win, { answer: false });
    const sink = extensionBridgeSink({ app: 'a', target: win, readyTimeoutMs: 100 });
    await sink.write([flowEvent()]);
    const started = Date.now();
    await sink.flush?.();
    assert.ok(Date.now() - started < 2000);
    assert.equal(sink.connected, false);
    assert.ok(ext.received.every((m) => m.type === 'hello'));
    await sink.close?.();
  });

  test('without any window (Node), it is a silent no-op', async () => {
    const sink = extensionBridgeSink({ app: 'a' });
    await sink.write([flowEvent()]);
    await sink.flush?.();
    assert.equal(sink.pending, 0);
    await sink.close?.();
  });

  test('ignores acks and readies from other sources and malformed replies', async () => {
    const win = new FakeWindow();
    const sink = extensionBridgeSink({ app: 'a', target: win, readyTimeoutMs: 5000 });
    const other = new EventTarget();
    win.deliver({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '0.1.0' }, other);
    win.deliver({ channel: 'outflow', v: 2, type: 'ready', extensionVersion: '0.1.0' }, win);
    win.deliver({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: 42 }, win);
    await tick(20);
    assert.equal(sink.connected, false);
    win.deliver({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '0.1.0' }, win);
    await sink.write([flowEvent({ id: 'evt_keep_000001' })]);
    win.deliver({ channel: 'outflow', v: 1, type: 'ack', ids: ['evt_keep_000001'] }, other);
    await tick(20);
    assert.equal(sink.pending, 1);
    await sink.close?.();
  });

  test('close removes the listener: later acks change nothing', async () => {
    const win = new FakeWindow();
    const sink = extensionBridgeSink({ app: 'a', target: win });
    win.deliver({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '0.1.0' }, win);
    await sink.write([flowEvent({ id: 'evt_closed_00001' })]);
    await sink.close?.();
    win.deliver({ channel: 'outflow', v: 1, type: 'ack', ids: ['evt_closed_00001'] }, win);
    await tick(20);
    assert.equal(sink.pending, 1);
  });
  test('events not acknowledged when the page unloads are kept in the tab and sent first by its next page', async () => {
    const tab = new FakeStorage();
    const first = new FakeWindow(tab);
    // The extension answers but has not stored the second event yet when the page goes.
    fakeExtension(first, { ack: (batch) => batch.every((event) => event.id === 'evt_stored_0001') });
    const sink = extensionBridgeSink({ app: 'support-assistant', target: first, resendAfterMs: 60_000 });
    await until(() => sink.connected);
    await sink.write([flowEvent({ id: 'evt_stored_0001' })]);
    await until(() => sink.pending === 0);
    await sink.write([flowEvent({ id: 'evt_unacked_001' }), flowEvent({ id: 'evt_unacked_002' })]);
    first.hide();
    assert.deepEqual((JSON.parse(tab.getItem('outflow:bridge:unacknowledged:support-assistant') ?? '[]') as FlowEvent[]).map((e) => e.id), ['evt_unacked_001', 'evt_unacked_002']);

    const next = new FakeWindow(tab);
    const ext = fakeExtension(next);
    const again = extensionBridgeSink({ app: 'support-assistant', target: next });
    assert.equal(again.pending, 2);
    assert.equal(tab.getItem('outflow:bridge:unacknowledged:support-assistant'), null, 'taken, not left for a third page');
    await again.write([flowEvent({ id: 'evt_new_page_01' })]);
    await until(() => again.pending === 0);
    assert.deepEqual(ext.batches.flat().map((e) => e.id), ['evt_unacked_001', 'evt_unacked_002', 'evt_new_page_01']);
    await sink.close?.();
    await again.close?.();
  });

  test('nothing is kept when everything was acknowledged; a full storage counts the events as dropped; garbage is ignored and removed; another app’s events are left alone', async () => {
    const tab = new FakeStorage();
    const win = new FakeWindow(tab);
    fakeExtension(win);
    const sink = extensionBridgeSink({ app: 'support-assistant', target: win });
    await sink.write([flowEvent({ id: 'evt_all_acked_1' })]);
    await until(() => sink.pending === 0);
    win.hide();
    assert.equal(tab.items.size, 0);

    const slow = new FakeWindow(tab);
    fakeExtension(slow, { ack: () => false });
    const unacked = extensionBridgeSink({ app: 'billing', target: slow, resendAfterMs: 60_000 });
    await until(() => unacked.connected);
    await unacked.write([flowEvent({ id: 'evt_for_billing' })]);
    tab.full = true;
    slow.hide();
    assert.equal(tab.items.size, 0);
    assert.equal(unacked.dropped, 1, 'an event the storage could not take is counted as dropped');
    tab.full = false;
    slow.hide();
    assert.deepEqual([...tab.items.keys()], ['outflow:bridge:unacknowledged:billing']);

    tab.setItem('outflow:bridge:unacknowledged:support-assistant', '{not json');
    const garbage = extensionBridgeSink({ app: 'support-assistant', target: new FakeWindow(tab), readyTimeoutMs: 50 });
    assert.equal(garbage.pending, 0);
    assert.equal(tab.getItem('outflow:bridge:unacknowledged:support-assistant'), null);
    tab.setItem('outflow:bridge:unacknowledged:support-assistant', JSON.stringify([42, { no: 'id' }, flowEvent({ id: 'evt_survivor_01' })]));
    const mixed = extensionBridgeSink({ app: 'support-assistant', target: new FakeWindow(tab), readyTimeoutMs: 50 });
    assert.equal(mixed.pending, 1);
    assert.ok(tab.getItem('outflow:bridge:unacknowledged:billing'), "another app's events stay for that app");
    for (const each of [sink, unacked, garbage, mixed]) await each.close?.();
  });

  test('two sinks of one app in a page both keep theirs; close keeps what is left for the next instance', async () => {
    const tab = new FakeStorage();
    const win = new FakeWindow(tab);
    fakeExtension(win, { ack: () => false });
    const one = extensionBridgeSink({ app: 'support-assistant', target: win, resendAfterMs: 60_000 });
    const two = extensionBridgeSink({ app: 'support-assistant', target: win, resendAfterMs: 60_000 });
    await until(() => one.connected && two.connected);
    await one.write([flowEvent({ id: 'evt_from_one_01' })]);
    await two.write([flowEvent({ id: 'evt_from_two_01' })]);
    win.hide();
    assert.deepEqual((JSON.parse(tab.getItem('outflow:bridge:unacknowledged:support-assistant') ?? '[]') as FlowEvent[]).map((e) => e.id).sort(), ['evt_from_one_01', 'evt_from_two_01']);
    tab.removeItem('outflow:bridge:unacknowledged:support-assistant');
    await one.close?.();
    assert.deepEqual((JSON.parse(tab.getItem('outflow:bridge:unacknowledged:support-assistant') ?? '[]') as FlowEvent[]).map((e) => e.id), ['evt_from_one_01']);
    await two.close?.();
  });

  test('a taken-over event goes alone, so an invalid one cannot hold others back, and is not carried over a second time', async () => {
    const tab = new FakeStorage();
    tab.setItem('outflow:bridge:unacknowledged:support-assistant', JSON.stringify([flowEvent({ id: 'evt_old_sdk_001' }), flowEvent({ id: 'evt_good_old_01' })]));
    const win = new FakeWindow(tab);
    // This extension refuses the first one (as it would an event it cannot validate) and stores the rest.
    const ext = fakeExtension(win, { ack: (batch) => !batch.some((event) => event.id === 'evt_old_sdk_001') });
    const sink = extensionBridgeSink({ app: 'support-assistant', target: win, resendAfterMs: 60_000 });
    await sink.write([flowEvent({ id: 'evt_this_page_1' })]);
    await until(() => sink.pending === 1);
    assert.deepEqual(ext.batches.map((batch) => batch.map((e) => e.id)), [['evt_old_sdk_001'], ['evt_good_old_01'], ['evt_this_page_1']]);
    win.hide();
    assert.equal(tab.getItem('outflow:bridge:unacknowledged:support-assistant'), null, 'not carried to a third page');
    assert.equal(sink.dropped, 1);
    await sink.close?.();
    assert.equal(sink.dropped, 1, 'counted once, though close() saves again after pagehide');
  });

  test('without an extension nothing is kept for the next page', async () => {
    const tab = new FakeStorage();
    const win = new FakeWindow(tab);
    const sink = extensionBridgeSink({ app: 'support-assistant', target: win, readyTimeoutMs: 30 });
    await sink.write([flowEvent({ id: 'evt_nobody_0001' })]);
    await sink.flush?.();
    win.hide();
    assert.equal(tab.items.size, 0);
    await sink.close?.();
  });
});
