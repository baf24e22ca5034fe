/**
 * `outflow.instrument()` in Node: the global `fetch` is wrapped, so a client built without a
 * `fetch` option (here the real `openai` client) is scanned, decided and recorded like one
 * handed `outflow.fetch`; other calls pass untouched; the undo puts back exactly the original.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { OutflowBlockedError } from '../../../sdk/src/index';
import { otlpSink } from '../../../sdk/src/sinks/otlp';
import { AWS_KEY, EMAIL, json, setup } from '../intercept/helpers';

const platformFetch = globalThis.fetch;
const platformDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
/** The fake provider listens on 127.0.0.1: named an AI host, as an organisation names its gateway. */
const providers = { '127.0.0.1': 'openai' };

test('a client without a fetch option is recorded through the global fetch; other hosts pass untouched', async () => {
  const { fake, sink, outflow } = await setup({ providers, policy: { rules: [{ types: ['EMAIL'], action: 'redact' }] } });
  const restore = outflow.instrument();
  try {
    const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `mail ${EMAIL}` }] });
    // `localhost` is the same server under a name that is no AI destination: the app's own call.
    const own = await fetch(`${fake.url.replace('127.0.0.1', 'localhost')}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `mail ${EMAIL}` }] }));
    await own.text();
    await outflow.flush();
    assert.equal(sink.events.length, 1);
    assert.deepEqual([sink.events[0]?.destination.provider, sink.events[0]?.destination.api, sink.events[0]?.decision], ['openai', 'openai-chat', 'redacted']);
    assert.equal((fake.requests[0]?.json as { messages: { content: string }[] }).messages[0]?.content, 'mail [EMAIL_1]');
    assert.equal((fake.requests[1]?.json as { messages: { content: string }[] }).messages[0]?.content, `mail ${EMAIL}`);
  } finally {
    restore();
  }
});

test('block fails closed through the global fetch: OutflowBlockedError and nothing sent', async () => {
  const { fake, sink, outflow } = await setup({ providers, policy: { rules: [{ categories: ['secret'], action: 'block' }] } });
  const restore = outflow.instrument();
  try {
    const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await assert.rejects(
      openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${AWS_KEY}` }] }),
      (error: unknown) => error instanceof OpenAI.APIConnectionError && error.cause instanceof OutflowBlockedError,
    );
    await outflow.flush();
    assert.equal(fake.requests.length, 0);
    assert.equal(sink.events[0]?.decision, 'blocked');
  } finally {
    restore();
  }
});

test('instrumenting twice changes nothing; outflow.fetch under instrumentation records a call once; undo restores exactly the original', async () => {
  const { fake, sink, outflow } = await setup({ providers });
  const restore = outflow.instrument();
  const wrapper = globalThis.fetch;
  assert.notEqual(wrapper, platformFetch);
  assert.equal(outflow.instrument(), restore);
  assert.equal(globalThis.fetch, wrapper);
  const body = json({ messages: [{ role: 'user', content: 'hello' }] });
  await (await fetch(`${fake.url}/v1/chat/completions`, body)).json();
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, body)).json();
  await outflow.flush();
  assert.equal(sink.events.length, 2);
  assert.equal(fake.requests.length, 2);

  restore();
  restore();
  assert.equal(globalThis.fetch, platformFetch);
  assert.deepEqual(Object.getOwnPropertyDescriptor(globalThis, 'fetch'), platformDescriptor);
  // A reference kept to the wrapper passes straight through now, as does the global.
  await (await wrapper(`${fake.url}/v1/chat/completions`, body)).json();
  await (await fetch(`${fake.url}/v1/chat/completions`, body)).json();
  await outflow.flush();
  assert.equal(sink.events.length, 2);
  assert.equal(fake.requests.length, 4);
  // After the undo it can instrument again; close() restores as well.
  outflow.instrument();
  assert.notEqual(globalThis.fetch, platformFetch);
  await outflow.close();
  assert.equal(globalThis.fetch, platformFetch);
});

test("one observer per page: another instance takes over, and the first one's undo then does nothing", async () => {
  const first = await setup({ providers });
  const second = await setup({ providers });
  const restoreFirst = first.outflow.instrument();
  const restoreSecond = second.outflow.instrument();
  try {
    await (await fetch(`${first.fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: 'hi' }] }))).json();
    await first.outflow.flush();
    await second.outflow.flush();
    assert.deepEqual([first.sink.events.length, second.sink.events.length], [0, 1], 'recorded once, by the instance that instrumented last');
    restoreFirst();
    assert.notEqual(globalThis.fetch, platformFetch, "the first instance's undo leaves the second's wrapper alone");
    // The first instance instruments again: it takes over in turn, over the platform's own fetch.
    assert.notEqual(first.outflow.instrument(), restoreFirst);
    restoreSecond();
    assert.notEqual(globalThis.fetch, platformFetch);
  } finally {
    await first.outflow.close();
    await second.outflow.close();
  }
  assert.equal(globalThis.fetch, platformFetch);
  assert.deepEqual(Object.getOwnPropertyDescriptor(globalThis, 'fetch'), platformDescriptor);
});

test("the SDK's own calls are never recorded: an OTLP export to a host that is an AI destination", async () => {
  const exports: string[] = [];
  const collector = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => exports.push(chunk.toString()));
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { fake, sink, outflow } = await setup({ providers });
  const restore = outflow.instrument();
  try {
    await (await fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: 'hi' }] }))).json();
    await outflow.flush();
    // Created after instrument(), on a host the providers map names: it still steps around the wrapper.
    const otlp = otlpSink({ endpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });
    await otlp.write(sink.events);
    await outflow.flush();
    assert.ok(exports.join('').includes(sink.events[0]!.id));
    assert.equal(sink.events.length, 1);
    assert.equal(outflow.stats().calls, 1);
  } finally {
    restore();
    collector.close();
  }
});

test('out of reach: a fetch captured before instrument() goes out unrecorded', async () => {
  const { fake, sink, outflow } = await setup({ providers });
  const captured = globalThis.fetch;
  const restore = outflow.instrument();
  try {
    await (await captured(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: 'hi' }] }))).json();
    await outflow.flush();
    assert.equal(fake.requests.length, 1);
    assert.equal(sink.events.length, 0);
  } finally {
    restore();
  }
});
