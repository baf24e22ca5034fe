/**
 * Hostile and broken bodies — malformed multipart, invalid UTF-8, unknown charsets, giant
 * headers, absurd nesting — never throw into the app, never hang, go out as the app made them
 * and are recorded honestly in `coverage`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { EMAIL, setup } from './helpers';

test('a malformed multipart body is sent as it is, its text still scanned, its structure listed as format', async () => {
  const { fake, sink, outflow } = await setup();
  const body = `--Right\r\nContent-Disposition: form-data; name="note"\r\n\r\nmail ${EMAIL}\r\n--Right--\r\n`;
  const response = await outflow.fetch(`${fake.url}/upload`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=Wrong' }, body: new Blob([body]) });
  assert.equal(response.status, 200);
  await outflow.flush();
  const event = FlowEventSchema.parse(sink.events[0]);
  assert.equal(fake.requests[0]?.body, body);
  assert.deepEqual(event.coverage.unscanned, [{ where: 'body', reason: 'format', bytes: Buffer.byteLength(body) }]);
  assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'body']]);
});

test('invalid UTF-8 is listed as encoding; the valid text around it is still scanned', async () => {
  const { fake, sink, outflow } = await setup();
  const text = Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: `mail ${EMAIL} about caf\u00e9` }] }));
  const broken = Buffer.from(text.toString('latin1'), 'latin1');
  broken[broken.indexOf(0xc3)] = 0xff; // é's first byte becomes a byte UTF-8 never uses
  await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: broken });
  await outflow.flush();
  const event = FlowEventSchema.parse(sink.events[0]);
  assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content']]);
  assert.deepEqual(event.coverage.unscanned.map((u) => u.reason), ['encoding']);
  assert.deepEqual(fake.requests[0]?.rawBody, broken);
});

test('a charset the runtime cannot decode is listed as encoding; UTF-16 with a byte-order mark and Latin-1 are read', async () => {
  const { fake, sink, outflow } = await setup();
  const url = `${fake.url}/hook`;
  await outflow.fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=x-made-up' }, body: new TextEncoder().encode(`mail ${EMAIL}`) });
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`mail ${EMAIL}`, 'utf16le')]);
  await outflow.fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: utf16 });
  await outflow.fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=ISO-8859-1' }, body: Buffer.from(`café ${EMAIL}`, 'latin1') });
  await outflow.flush();
  assert.deepEqual(sink.events.map((e) => e.coverage.unscanned.map((u) => u.reason)), [['encoding'], [], []]);
  assert.deepEqual(sink.events.map((e) => e.findings.map((f) => f.type)), [[], ['EMAIL'], ['EMAIL']]);
});

test('binary bodies are listed as binary, whatever they are labelled', async () => {
  const { fake, sink, outflow } = await setup();
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: png });
  await outflow.fetch(`${fake.url}/upload`, { method: 'POST', body: new Blob([png], { type: 'image/png' }) });
  await outflow.flush();
  assert.deepEqual(sink.events.map((e) => e.coverage), [
    { complete: false, unscanned: [{ where: 'body', reason: 'binary', bytes: png.byteLength }] },
    { complete: false, unscanned: [{ where: 'body', reason: 'binary', bytes: png.byteLength }] },
  ]);
  assert.deepEqual(sink.events.map((e) => e.request.attachments), [[{ mimeType: 'application/json', bytes: png.byteLength }], [{ mimeType: 'image/png', bytes: png.byteLength }]]);
});

test('giant headers neither throw nor hang: a 256 KB Content-Type, 10,000 encodings, a 1 MB header', async () => {
  const { fake, sink, outflow } = await setup();
  const url = `${fake.url}/v1/chat/completions`;
  const body = JSON.stringify({ messages: [{ role: 'user', content: `mail ${EMAIL}` }] });
  const calls: Record<string, string>[] = [
    { 'content-type': `application/json; ${'x=y; '.repeat(50_000)}` },
    { 'content-type': `multipart/form-data; boundary=${'B'.repeat(256 * 1024)}` },
    { 'content-type': 'application/json', 'content-encoding': Array(10_000).fill('gzip').join(', ') },
    { 'content-type': 'application/json', 'x-trace': 'z'.repeat(1024 * 1024) },
  ];
  for (const headers of calls) {
    // The server may refuse what it is sent (its own header limits): that is the call's outcome, not Outflow's.
    await outflow.fetch(url, { method: 'POST', headers, body: new TextEncoder().encode(body) }).then((r) => r.arrayBuffer(), () => undefined);
  }
  await outflow.flush();
  assert.equal(sink.events.length, calls.length);
  for (const event of sink.events) FlowEventSchema.parse(event);
  assert.deepEqual(sink.events[0]?.findings.map((f) => f.type), ['EMAIL']);
  assert.deepEqual(sink.events[1]?.coverage.unscanned.map((u) => u.reason), ['format']);
  assert.deepEqual(sink.events[2]?.coverage.unscanned.map((u) => u.reason), ['encoding']);
});

test('200,000 levels of nesting: listed as depth, no stack overflow', async () => {
  const { fake, sink, outflow } = await setup();
  const body = `{"messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(200_000)}"${EMAIL}"${']'.repeat(200_000)}}`;
  // The fake provider itself gives up on such a body (it drops the connection): the call's outcome, not Outflow's.
  await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
  assert.equal(fake.requests.length, 1);
  await outflow.flush();
  const event = FlowEventSchema.parse(sink.events[0]);
  assert.deepEqual(event.coverage.unscanned.map((u) => [u.reason, u.bytes]), [['depth', Buffer.byteLength(EMAIL)]]);
});
