/**
 * `outflow.instrument()` in a real Chromium page: XMLHttpRequest calls to the fake provider and
 * WebSocket frames to a fake realtime endpoint (the browser's own WebSocket, on loopback) are
 * scanned, decided and recorded like `outflow.fetch` calls — one event per request or frame —
 * a blocked one never leaves, and the undo puts back exactly the platform's members.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import type { FlowEvent, PolicyInput } from '../../sdk/src/schema';
import { startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/index';
import { startFakeRealtime, type FakeRealtime } from '../fixtures/fake-realtime';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { bundleForPage } from './helpers/bundle';
import { htmlPage, serveStatic, type StaticServer } from './helpers/static-server';

const EMAIL = 'jane.doe@acme-corp.com';
const AWS_KEY = 'AKIA4QZ7RNXW2MBT6KLP';
/** The fake provider and the fake realtime endpoint listen on 127.0.0.1: named an AI host, as an organisation names its gateway. */
const providers = { '127.0.0.1': 'openai' };
const scanFirst: PolicyInput = { rules: [{ types: ['EMAIL'], action: 'redact' }, { categories: ['secret'], action: 'block' }] };

let browser: ExtensionBrowser;
let site: StaticServer;
let fake: FakeProvider;
let realtime: FakeRealtime;

before(async () => {
  fake = await startFakeProvider({ host: '127.0.0.1' });
  realtime = await startFakeRealtime();
  const script = await bundleForPage(new URL('./helpers/instrument-page.ts', import.meta.url).pathname);
  site = await serveStatic({ files: { '/index.html': htmlPage('Instrument test page', script) }, host: '127.0.0.1' });
  browser = await launchWithExtension();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await fake?.close();
  await realtime?.close();
});

async function instrumentedPage(policy: PolicyInput): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/`);
  const idempotent = await page.evaluate(([p, m]) => (window as unknown as PageApi).outflowInstrument.instrument(p!, m!), [policy, providers] as const);
  assert.equal(idempotent, true, 'a second instrument() returns the same undo');
  return page;
}

interface PageApi {
  outflowInstrument: { instrument(policy: PolicyInput, providers: Record<string, string>): boolean; events(): Promise<FlowEvent[]>; restore(): string[]; wrapped(): boolean };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as PageApi).outflowInstrument.events());

interface XhrResult {
  status: number;
  readyState: number;
  text: string;
  seen: string[];
}

/** The app's side: one XMLHttpRequest, as an older library makes it. */
function xhr(page: Page, url: string, body: unknown, options: { responseType?: XMLHttpRequestResponseType; abortAtOnce?: boolean } = {}): Promise<XhrResult> {
  return page.evaluate(
    ([url, body, options]) =>
      new Promise<XhrResult>((resolve) => {
        const request = new XMLHttpRequest();
        const seen: string[] = [];
        for (const type of ['loadstart', 'load', 'error', 'abort', 'loadend']) request.addEventListener(type, () => seen.push(type));
        request.open('POST', url!);
        request.setRequestHeader('content-type', 'application/json');
        request.responseType = options!.responseType ?? '';
        request.addEventListener('loadend', () => {
          const text = request.responseType === '' ? request.responseText : JSON.stringify(request.response);
          resolve({ status: request.status, readyState: request.readyState, text, seen });
        });
        request.send(JSON.stringify(body));
        if (options!.abortAtOnce) request.abort();
      }),
    [url, body, options] as const,
  );
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });

test('XHR under a log-only policy: sent at once, recorded once with findings, status, size and token usage', async () => {
  const page = await instrumentedPage({});
  const before = fake.requests.length;
  const plain = await xhr(page, `${fake.url}/v1/chat/completions`, chat(`mail ${EMAIL}`));
  const streamed = await xhr(page, `${fake.url}/v1/chat/completions`, chat('hello', { stream: true, stream_options: { include_usage: true } }));
  const asJson = await xhr(page, `${fake.url}/v1/chat/completions`, chat('hello'), { responseType: 'json' });
  // The same server under a name that is no AI destination: the app's own call, untouched.
  const own = await xhr(page, `${fake.url.replace('127.0.0.1', 'localhost')}/v1/chat/completions`, chat(`mail ${EMAIL}`));
  assert.deepEqual([plain.status, streamed.status, asJson.status, own.status], [200, 200, 200, 200]);
  assert.match(plain.text, /Summary:/);
  assert.match(streamed.text, /data: \[DONE\]/);
  assert.equal(fake.requests.length - before, 4);
  const recorded = await events(page);
  assert.equal(recorded.length, 3);
  const [first, second, third] = recorded;
  assert.deepEqual([first?.destination.provider, first?.destination.api, first?.destination.model, first?.request.method, first?.decision], ['openai', 'openai-chat', 'gpt-4o-mini', 'POST', 'allowed']);
  assert.deepEqual(first?.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content']]);
  assert.equal(first?.response?.status, 200);
  assert.equal(first?.response?.bytes, plain.text.length);
  assert.ok(first?.response?.tokensIn !== undefined && first.response.tokensOut !== undefined);
  assert.deepEqual([second?.response?.streamed, second?.response?.tokensOut !== undefined], [true, true]);
  assert.ok(third?.response?.tokensIn !== undefined, 'usage read from a json responseType too');
  assert.ok(!JSON.stringify(recorded).includes(EMAIL));
  await page.close();
});

test('XHR under a scan-first policy: redacted before it leaves; a blocked one fails as a network error with nothing sent; an abort while scanning sends nothing', async () => {
  const page = await instrumentedPage(scanFirst);
  const before = fake.requests.length;
  const redacted = await xhr(page, `${fake.url}/v1/chat/completions`, chat(`mail ${EMAIL}`));
  assert.equal(redacted.status, 200);
  assert.equal(fake.requests.length - before, 1);
  assert.equal((fake.requests.at(-1)?.json as { messages: { content: string }[] }).messages[0]?.content, 'mail [EMAIL_1]');

  const blocked = await xhr(page, `${fake.url}/v1/chat/completions`, chat(`key ${AWS_KEY}`));
  assert.deepEqual([blocked.status, blocked.readyState, blocked.text], [0, 4, '']);
  assert.deepEqual(blocked.seen, ['loadstart', 'error', 'loadend']);

  const aborted = await xhr(page, `${fake.url}/v1/chat/completions`, chat('hello'), { abortAtOnce: true });
  assert.deepEqual(aborted.seen, ['abort', 'loadend']);
  assert.equal(fake.requests.length - before, 1, 'neither the blocked nor the aborted request left');

  const recorded = await events(page);
  assert.deepEqual(recorded.map((e) => [e.decision, e.error?.kind]), [['redacted', undefined], ['blocked', 'blocked'], ['allowed', 'abort']]);
  assert.equal(recorded[1]?.request.bytes, 0);
  await page.close();
});

test('a synchronous XHR cannot wait for a scan: refused under a scan-first policy, sent and recorded under a log-only one', async () => {
  const refusing = await instrumentedPage(scanFirst);
  const before = fake.requests.length;
  const sync = (page: Page) =>
    page.evaluate((url) => {
      const request = new XMLHttpRequest();
      request.open('POST', url, false);
      request.setRequestHeader('content-type', 'application/json');
      try {
        request.send(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }));
        return String(request.status);
      } catch (error) {
        return (error as DOMException).name;
      }
    }, `${fake.url}/v1/chat/completions`);
  assert.equal(await sync(refusing), 'NetworkError');
  assert.equal(fake.requests.length, before);
  assert.deepEqual((await events(refusing)).map((e) => [e.decision, e.error?.kind]), [['allowed', 'network']]);
  await refusing.close();

  const logging = await instrumentedPage({});
  assert.equal(await sync(logging), '200');
  assert.equal(fake.requests.length, before + 1);
  assert.deepEqual((await events(logging)).map((e) => [e.destination.api, e.response?.status]), [['openai-chat', 200]]);
  await logging.close();
});

interface SocketResult {
  errors: string[];
  messages: number;
}

/** The app's side: a realtime session that sends its client events, then closes. */
function realtimeSession(page: Page, url: string, frames: (string | { binary: string })[]): Promise<SocketResult> {
  return page.evaluate(
    ([url, frames]) =>
      new Promise<SocketResult>((resolve) => {
        const socket = new WebSocket(url!);
        const errors: string[] = [];
        let messages = 0;
        socket.addEventListener('error', (event) => errors.push((event as ErrorEvent).error?.name ?? 'error'));
        socket.addEventListener('message', () => messages++);
        socket.addEventListener('open', () => {
          for (const frame of frames!) {
            if (typeof frame === 'string') {
              socket.send(frame);
              continue;
            }
            // An app reuses its buffer at once (audio chunks): the frame is what it held at send().
            const bytes = new TextEncoder().encode(frame.binary);
            socket.send(bytes);
            bytes.fill(0x20);
          }
          socket.close(1000, 'done');
        });
        socket.addEventListener('close', () => resolve({ errors, messages }));
      }),
    [url, frames] as const,
  );
}

const itemCreate = (text: string) => JSON.stringify({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });

test('WebSocket frames under a scan-first policy: one event per frame, redacted in place, a blocked frame dropped with an error event, order and close kept', async () => {
  const page = await instrumentedPage(scanFirst);
  const before = realtime.frames.length;
  const url = `${realtime.url}/v1/realtime?model=gpt-realtime`;
  const result = await realtimeSession(page, url, [itemCreate(`mail ${EMAIL}`), itemCreate(`key ${AWS_KEY}`), { binary: itemCreate(`cc ${EMAIL}`) }, JSON.stringify({ type: 'response.create' })]);
  assert.deepEqual(result.errors, ['OutflowBlockedError']);
  const received = realtime.frames.slice(before);
  assert.deepEqual(
    received.map((f) => [f.kind, (JSON.parse(f.data) as { item?: { content: { text: string }[] } }).item?.content[0]?.text]),
    [
      ['text', 'mail [EMAIL_1]'],
      ['binary', 'cc [EMAIL_1]'],
      ['text', undefined],
    ],
  );
  assert.equal(realtime.closes.at(-1), 1000, 'the close waited for the frames before it');
  const recorded = await events(page);
  assert.deepEqual(
    recorded.map((e) => [e.request.method, e.destination.api, e.destination.model, e.decision]),
    [
      ['WEBSOCKET', 'openai-realtime', 'gpt-realtime', 'redacted'],
      ['WEBSOCKET', 'openai-realtime', 'gpt-realtime', 'blocked'],
      ['WEBSOCKET', 'openai-realtime', 'gpt-realtime', 'redacted'],
      ['WEBSOCKET', 'openai-realtime', 'gpt-realtime', 'allowed'],
    ],
  );
  assert.ok(recorded.every((e) => e.response === undefined));
  assert.deepEqual(recorded[0]?.findings.map((f) => [f.type, f.field]), [['EMAIL', 'item.content[0].text']]);
  await page.close();
});

test('WebSocket frames under a log-only policy leave at once and are each recorded; undo restores exactly the platform members', async () => {
  const page = await instrumentedPage({});
  const before = realtime.frames.length;
  const result = await realtimeSession(page, `${realtime.url}/v1/realtime?model=gpt-realtime`, [itemCreate(`mail ${EMAIL}`), JSON.stringify({ type: 'response.create' })]);
  assert.deepEqual(result.errors, []);
  assert.equal(realtime.frames.length - before, 2);
  assert.ok(realtime.frames.at(-2)?.data.includes(EMAIL));
  const recorded = await events(page);
  assert.deepEqual(recorded.map((e) => [e.destination.api, e.findings.map((f) => f.type)]), [['openai-realtime', ['EMAIL']], ['openai-realtime', []]]);

  assert.equal(await page.evaluate(() => (window as unknown as PageApi).outflowInstrument.wrapped()), true);
  assert.deepEqual(await page.evaluate(() => (window as unknown as PageApi).outflowInstrument.restore()), []);
  await xhr(page, `${fake.url}/v1/chat/completions`, chat('after the undo'));
  await realtimeSession(page, `${realtime.url}/v1/realtime`, [JSON.stringify({ type: 'response.create' })]);
  assert.equal((await events(page)).length, 2, 'nothing is recorded after the undo');
  await page.close();
});
