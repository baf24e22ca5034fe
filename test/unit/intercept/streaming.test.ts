import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, readChunks, setup } from './helpers';

test('a streamed response arrives in the same chunks, in the same order, as without Outflow', async () => {
  const { fake, sink, outflow } = await setup({}, { chunkDelayMs: 25 });
  const body = { model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Tell me a story' }] };
  const raw = await readChunks(await fetch(`${fake.url}/v1/chat/completions`, json(body)));
  const wrapped = await readChunks(await outflow.fetch(`${fake.url}/v1/chat/completions`, json(body)));
  assert.ok(raw.length > 5);
  assert.deepEqual(wrapped, raw);
  await outflow.flush();
  const event = sink.events[0];
  assert.equal(event?.response?.streamed, true);
  assert.equal(event?.request.stream, true);
  assert.equal(event?.response?.bytes, Buffer.byteLength(raw.join('')));
  assert.ok((event?.response?.tokensIn ?? 0) > 0);
  assert.ok((event?.response?.tokensOut ?? 0) > 0);
});

test('the first chunk reaches the app before the stream ends', async () => {
  const { fake, outflow } = await setup({}, { chunkDelayMs: 40 });
  const started = performance.now();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ stream: true, messages: [{ role: 'user', content: 'x' }] }));
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  const firstAt = performance.now() - started;
  while (!(await reader.read()).done);
  const endAt = performance.now() - started;
  // Ten-odd chunks 40 ms apart: a buffered body would deliver its first chunk at the very end.
  assert.ok(firstAt < endAt / 2, `first chunk at ${firstAt} ms, end at ${endAt} ms`);
});

test('the re-created response keeps url, redirected, type and headers', async () => {
  const { fake, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [] }));
  assert.equal(response.url, `${fake.url}/v1/chat/completions`);
  assert.equal(response.redirected, false);
  assert.equal(response.type, 'basic');
  assert.equal(response.headers.get('content-type'), 'application/json');
  const clone = response.clone();
  assert.deepEqual(await clone.json(), await response.json());
});

test('Gemini over plain fetch: JSON and SSE, usage recorded, the ?key= query never stored', async () => {
  const { fake, sink, outflow } = await setup();
  const key = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
  const body = { contents: [{ role: 'user', parts: [{ text: 'Summarise' }, { text: 'mail jane.doe@acme-corp.com' }] }] };
  await (await outflow.fetch(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent?key=${key}`, json(body))).json();
  await (await outflow.fetch(`${fake.url}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=${key}`, json(body))).text();
  await outflow.flush();
  assert.equal(sink.events.length, 2);
  for (const event of sink.events) {
    assert.equal(event.destination.api, 'gemini');
    assert.equal(event.destination.model, 'gemini-2.0-flash');
    assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'contents[0].parts[1].text']]);
    assert.ok((event.response?.tokensIn ?? 0) > 0 && (event.response?.tokensOut ?? 0) > 0);
  }
  assert.deepEqual(sink.events.map((e) => e.response?.streamed), [false, true]);
  assert.ok(!JSON.stringify(sink.events).includes(key));
});

test('unknown JSON API: every string scanned, provider unknown, api json, internal destination', async () => {
  const { fake, sink, outflow } = await setup();
  await outflow.fetch(`${fake.url}/internal/summarise`, json({ doc: { title: 'x', notes: ['ok', 'mail jane.doe@acme-corp.com'] } }));
  await outflow.flush();
  const event = sink.events[0];
  assert.equal(event?.destination.provider, 'unknown');
  assert.equal(event?.destination.api, 'json');
  assert.equal(event?.destination.external, false);
  assert.deepEqual(event?.findings.map((f) => f.field), ['doc.notes[1]']);
});
