/**
 * The app gets the provider's own Response, observed in place. Every way of reading it must give
 * the app exactly what the platform gives, and Outflow exactly one event with the body's size
 * and token usage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, setup } from './helpers';

const CHAT = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] };

async function rawAndObserved(read: (response: Response) => Promise<unknown>) {
  const { fake, sink, outflow } = await setup();
  const url = `${fake.url}/v1/chat/completions`;
  const rawResponse = await fetch(url, json(CHAT));
  const rawBytes = Number(rawResponse.headers.get('content-length'));
  const raw = await read(rawResponse);
  const observed = await outflow.fetch(url, json(CHAT));
  assert.equal(observed.bodyUsed, false);
  const value = await read(observed);
  assert.equal(observed.bodyUsed, true);
  await outflow.flush();
  return { raw, value, rawBytes, events: sink.events, observed };
}

const asText = (value: unknown): string => (value instanceof ArrayBuffer ? new TextDecoder().decode(value) : value instanceof Uint8Array ? new TextDecoder().decode(value) : JSON.stringify(value));

for (const [name, read] of [
  ['json()', (r: Response) => r.json()],
  ['text()', (r: Response) => r.text()],
  ['arrayBuffer()', (r: Response) => r.arrayBuffer()],
  ['bytes()', (r: Response) => r.bytes()],
  ['body, read to the end', (r: Response) => new Response(r.body).text()],
  ['body touched, then json()', (r: Response) => (r.body === null ? Promise.reject(new Error('no body')) : r.json())],
] as const) {
  test(`${name}: the app gets what the platform gives; one event with bytes and usage`, async () => {
    const { raw, value, rawBytes, events } = await rawAndObserved(read);
    // The fake provider's ids differ per call; the shape and the content are the same.
    const normalise = (text: string) => text.replace(/"id":"[^"]*"/, '"id":"x"');
    assert.equal(normalise(asText(value)), normalise(asText(raw)));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.response?.bytes, rawBytes);
    assert.ok((events[0]?.response?.tokensIn ?? 0) > 0 && (events[0]?.response?.tokensOut ?? 0) > 0);
  });
}

test('blob(): the size is recorded', async () => {
  const { value, rawBytes, events } = await rawAndObserved((r) => r.blob());
  assert.equal((value as Blob).size, rawBytes);
  assert.equal(events[0]?.response?.bytes, rawBytes);
});

test('a second read fails as the platform does, and the call stays one event', async () => {
  const { observed, events } = await rawAndObserved((response) => response.text());
  await assert.rejects(observed.text(), TypeError);
  assert.equal(events.length, 1);
});

test('reading only a clone is observed: the event has the bytes, not an unread body', async () => {
  const { fake, sink, outflow } = await setup({ unreadBodyTimeoutMs: 60_000 });
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  const copy = response.clone();
  const body = (await copy.json()) as { usage?: unknown };
  assert.ok(body.usage);
  assert.equal(copy.url, response.url);
  await outflow.flush();
  assert.equal(sink.events.length, 1);
  assert.ok((sink.events[0]?.response?.bytes ?? 0) > 0);
  assert.equal(sink.events[0]?.error, undefined);
});

test('the observed response is still a Response with the provider url, headers and status', async () => {
  const { fake, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  assert.ok(response instanceof Response);
  assert.equal(response.status, 200);
  assert.equal(response.url, `${fake.url}/v1/chat/completions`);
  assert.equal(Object.prototype.toString.call(response), '[object Response]');
  await response.arrayBuffer();
});

test('a failed second read is the app\'s: the event keeps the first read\'s outcome', async () => {
  const { fake, sink, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  await response.json();
  await assert.rejects(response.text(), TypeError);
  await outflow.flush();
  assert.equal(sink.events.length, 1);
  assert.equal(sink.events[0]?.error, undefined);
  assert.ok((sink.events[0]?.response?.tokensIn ?? 0) > 0);
});

test('reading only a clone leaves the original unread (bodyUsed false), as the platform does', async () => {
  const { fake, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  await response.clone().text();
  assert.equal(response.bodyUsed, false);
  await response.text();
  assert.equal(response.bodyUsed, true);
});

test('a read of a locked body rejects (no synchronous throw), as the platform does', async () => {
  const { fake, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  response.body!.getReader();
  const read = response.text();
  assert.ok(read instanceof Promise);
  await assert.rejects(read, TypeError);
});

test('usage is kept when the app transfers the buffer it read before Outflow finishes the call', async () => {
  const { fake, sink, outflow } = await setup();
  const buffer = await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT))).arrayBuffer();
  structuredClone(buffer, { transfer: [buffer] });
  await outflow.flush();
  assert.ok((sink.events[0]?.response?.tokensIn ?? 0) > 0);
});

test('a Response that is not this realm\'s own (a subclass, a polyfill, another Outflow) is re-created and observed', async () => {
  class OtherResponse extends Response {}
  const { fake, sink, outflow } = await setup({ fetch: async (input, init) => {
    const response = await fetch(input, init);
    return new OtherResponse(response.body, response);
  } });
  const body = (await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json(CHAT))).json()) as { usage?: unknown };
  assert.ok(body.usage);
  // One Outflow over another: each records the call once, and the app reads it whole.
  const outer = (await setup({ fetch: outflow.fetch })).outflow;
  const nested = await outer.fetch(`${fake.url}/v1/chat/completions`, json(CHAT));
  assert.ok(((await nested.json()) as { usage?: unknown }).usage);
  await outflow.flush();
  assert.equal(sink.events.length, 2);
  assert.ok(sink.events.every((e) => (e.response?.tokensIn ?? 0) > 0));
});
