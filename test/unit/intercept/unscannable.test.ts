/**
 * Policy `unscannable: 'block'`: a request any part of which could not be scanned is refused
 * before any byte leaves, and its event lists what was not scanned. `unscannableAllowedTypes`
 * lets named binary types (an organisation that accepts images) through, judged by their bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { compilePolicy } from '../../../sdk/src/policy';
import { FlowEventSchema } from '../../../sdk/src/schema';
import { EMAIL, json, setup } from './helpers';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const imageMessage = (url: string) => [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Describe it' }, { type: 'image_url' as const, image_url: { url } }] }];

test("unscannable: 'block' refuses an image through the openai client before it leaves; the event lists it", async () => {
  const { fake, sink, outflow } = await setup({ policy: { unscannable: 'block' } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const error = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: imageMessage(`data:image/png;base64,${PNG}`) }).catch((e: unknown) => e);
  assert.ok(error instanceof OpenAI.APIConnectionError);
  const blocked = error.cause;
  assert.ok(blocked instanceof OutflowBlockedError);
  assert.deepEqual(blocked.findings, []);
  assert.deepEqual(blocked.unscanned, [{ where: 'messages[0].content[1].image_url.url', reason: 'binary', bytes: 70 }]);
  assert.match(blocked.message, /not scanned: messages\[0\]\.content\[1\]\.image_url\.url \(binary\)/);
  assert.equal(fake.requests.length, 0);
  await outflow.flush();
  const [event] = sink.events.filter((e) => e.destination.api === 'openai-chat');
  FlowEventSchema.parse(event);
  assert.equal(event?.decision, 'blocked');
  assert.equal(event?.error?.kind, 'blocked');
  assert.equal(event?.id, blocked.eventId);
  assert.deepEqual(event?.coverage, { complete: false, unscanned: blocked.unscanned });
  assert.equal(event?.request.bytes, 0);
});

test('unscannableAllowedTypes lets images through while anything else unreadable is still blocked', async () => {
  const { fake, sink, outflow } = await setup({ policy: { unscannable: 'block', unscannableAllowedTypes: ['image/*'] } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: imageMessage(`data:image/png;base64,${PNG}`) });
  assert.equal(fake.requests.length, 1);
  const pdf = await outflow
    .fetch(`${fake.url}/v1/responses`, json({ model: 'gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_file', filename: 'q3.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' }] }] }))
    .catch((e: unknown) => e);
  assert.ok(pdf instanceof OutflowBlockedError);
  assert.deepEqual(pdf.unscanned.map((u) => u.reason), ['binary']);
  // What the bytes are decides, not the label: a PNG goes out, a zip labelled image/png does not.
  const png = await outflow.fetch(`${fake.url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(PNG, 'base64') }).catch((e: unknown) => e);
  assert.equal(png instanceof OutflowBlockedError, false, 'an image body goes out whatever its label');
  assert.equal(fake.requests.length, 2);
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]);
  const disguised = await outflow.fetch(`${fake.url}/upload`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: zip }).catch((e: unknown) => e);
  assert.ok(disguised instanceof OutflowBlockedError);
  const form = new FormData();
  form.append('file', new File([zip], 'cat.png', { type: 'image/png' }));
  assert.ok((await outflow.fetch(`${fake.url}/upload`, { method: 'POST', body: form }).catch((e: unknown) => e)) instanceof OutflowBlockedError);
  assert.equal(fake.requests.length, 2);
  await outflow.flush();
  const image = sink.events.find((e) => e.destination.api === 'openai-chat');
  assert.deepEqual([image?.decision, image?.coverage.complete], ['allowed', false]);
});

test("unscannable: 'block' refuses every kind of unread part: encoding, size, depth, format, error", async () => {
  const { fake, outflow } = await setup({ policy: { unscannable: 'block' } });
  let nested: unknown = 'x';
  for (let i = 0; i < 80; i++) nested = [nested];
  const boundary = 'AbC';
  const calls: [string, RequestInit][] = [
    ['encoding', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: new Uint8Array([1, 2, 3]) }],
    ['size', { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(40 * 1024 * 1024)) }],
    ['depth', json({ messages: [{ role: 'user', content: 'hi' }], metadata: nested })],
    ['format', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: new Blob(['--AbC\r\nnot a part header\r\n']) }],
  ];
  for (const [reason, init] of calls) {
    const error = await outflow.fetch(`${fake.url}/v1/chat/completions`, init).catch((e: unknown) => e);
    assert.ok(error instanceof OutflowBlockedError, reason);
    assert.ok(error.unscanned.some((u) => u.reason === reason), `${reason}: ${JSON.stringify(error.unscanned)}`);
  }
  assert.equal(fake.requests.length, 0);
});

test("an Outflow failure under unscannable: 'block' fails closed", async () => {
  const { fake, sink, outflow } = await setup({ policy: { unscannable: 'block' }, scanner: { scan: () => { throw new Error('scanner bug'); } } });
  const error = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: EMAIL }] })).catch((e: unknown) => e);
  assert.ok(error instanceof OutflowBlockedError);
  assert.deepEqual(error.unscanned, [{ where: 'messages[0].content', reason: 'error', bytes: Buffer.byteLength(EMAIL) }]);
  assert.equal(fake.requests.length, 0);
  await outflow.flush();
  assert.equal(sink.events[0]?.decision, 'blocked');
});

test("the default ('log') records unscanned parts and lets the call go", async () => {
  const { fake, sink, outflow } = await setup();
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-encoding': 'br' }, body: new Uint8Array([1, 2, 3]) });
  assert.equal(response.status, 200);
  await outflow.flush();
  assert.deepEqual([sink.events[0]?.decision, sink.events[0]?.coverage.complete], ['allowed', false]);
});

test('the policy options are validated; a blocking unscannable policy scans before sending', () => {
  assert.equal(compilePolicy({}).policy.unscannable, 'log');
  assert.equal(compilePolicy({}).canChangeCalls, false);
  assert.equal(compilePolicy({ unscannable: 'block' }).canChangeCalls, true);
  assert.throws(() => compilePolicy({ unscannable: 'maybe' as 'log' }), /unscannable/);
  assert.throws(() => compilePolicy({ unscannableAllowedTypes: ['images'] }), /unscannableAllowedTypes\[0\]: a MIME type is type\/subtype or type\/\*/);
  const policy = compilePolicy({ unscannable: 'block', unscannableAllowedTypes: ['image/*', 'audio/wav'] });
  assert.deepEqual(
    [
      policy.blocksUnscanned({ reason: 'binary', mimeType: 'image/PNG' }),
      policy.blocksUnscanned({ reason: 'binary', mimeType: 'audio/wav; rate=16000' }),
      policy.blocksUnscanned({ reason: 'binary', mimeType: 'audio/mpeg' }),
      policy.blocksUnscanned({ reason: 'binary' }),
      policy.blocksUnscanned({ reason: 'size', mimeType: 'image/png' }),
    ],
    [false, false, true, true, true],
  );
});
