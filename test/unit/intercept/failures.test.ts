import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { FlowEventSchema, type FlowEvent } from '../../../sdk/src/schema';
import { json, setup, sleep } from './helpers';

const chat = (stream = false) => json({ model: 'gpt-4o', stream, messages: [{ role: 'user', content: 'Tell me a story' }] });

/** Waits past every deadline involved, then returns the events: exactly one is expected each time. */
async function settledEvents(outflow: { flush(): Promise<void> }, sink: { events: FlowEvent[] }, waitMs = 150): Promise<FlowEvent[]> {
  await sleep(waitMs);
  await outflow.flush();
  await sleep(20);
  await outflow.flush();
  for (const event of sink.events) FlowEventSchema.parse(event);
  return sink.events;
}

describe('exactly one event for every way a call can end', () => {
  test('success', async () => {
    const { fake, sink, outflow } = await setup();
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, chat());
    const body = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const [event, ...rest] = await settledEvents(outflow, sink);
    assert.equal(rest.length, 0);
    assert.equal(event?.response?.status, 200);
    assert.equal(event?.response?.streamed, false);
    assert.equal(event?.response?.tokensIn, body.usage.prompt_tokens);
    assert.equal(event?.response?.tokensOut, body.usage.completion_tokens);
    assert.ok((event?.response?.bytes ?? 0) > 0);
    assert.equal(event?.error, undefined);
  });

  test('HTTP 500', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('http500');
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, chat());
    assert.equal(response.status, 500);
    await response.text();
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'http');
    assert.equal(events[0]?.response?.status, 500);
  });

  test('connection reset', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('reset');
    await assert.rejects(outflow.fetch(`${fake.url}/v1/chat/completions`, chat()), TypeError);
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'network');
    assert.equal(events[0]?.response, undefined);
  });

  test('network error to a closed port', async () => {
    const { sink, outflow } = await setup();
    const port = await freePort();
    await assert.rejects(outflow.fetch(`http://127.0.0.1:${port}/v1/chat/completions`, chat()));
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'network');
    assert.match(events[0]?.error?.message ?? '', /ECONNREFUSED/);
  });

  test('abort by the app (AbortSignal), before the response', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('hang');
    const controller = new AbortController();
    const call = outflow.fetch(`${fake.url}/v1/chat/completions`, { ...chat(), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(call, { name: 'AbortError' });
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'abort');
  });

  test('abort in the middle of a stream', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('slow-stream');
    const controller = new AbortController();
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, { ...chat(true), signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await assert.rejects(reader.read());
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'abort');
    assert.equal(events[0]?.response?.streamed, true);
  });

  test('timeout (AbortSignal.timeout)', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('hang');
    await assert.rejects(outflow.fetch(`${fake.url}/v1/chat/completions`, { ...chat(), signal: AbortSignal.timeout(80) }), { name: 'TimeoutError' });
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'timeout');
  });

  test('a stream the app cancels', async () => {
    const { fake, sink, outflow } = await setup();
    fake.failNext('slow-stream');
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, chat(true));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    await reader.cancel();
    const events = await settledEvents(outflow, sink, 400);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.error?.kind, 'abort');
    assert.equal(events[0]?.response?.bytes, first.value?.byteLength);
  });

  test('a body the app never reads: recorded after unreadBodyTimeoutMs, once', async () => {
    const { fake, sink, outflow } = await setup({ unreadBodyTimeoutMs: 60 });
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, chat());
    assert.equal(response.status, 200);
    await sleep(150);
    assert.equal(outflow.stats().events, 1);
    // Reading it late must not record the call a second time.
    await response.text();
    const events = await settledEvents(outflow, sink);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.response?.status, 200);
  });

  test('a body never read is recorded by flush() without waiting for the deadline', async () => {
    const { fake, sink, outflow } = await setup();
    await outflow.fetch(`${fake.url}/v1/chat/completions`, chat());
    await outflow.flush();
    assert.equal(sink.events.length, 1);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
