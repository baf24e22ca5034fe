/**
 * Every event says what Outflow read of the request (`coverage`): a body it can read is read —
 * whatever its label, encoding or container — and whatever it cannot read is listed with a
 * reason instead of being recorded as a clean call.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import OpenAI, { toFile } from 'openai';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { FlowEventSchema, type FlowEvent } from '../../../sdk/src/schema';
import { EMAIL, json, setup } from './helpers';

const blockEmails = { policy: { rules: [{ types: ['EMAIL'], action: 'block' as const }] } };
const chatBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${EMAIL}` }] });
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function only(events: FlowEvent[]): FlowEvent {
  assert.equal(events.length, 1);
  return FlowEventSchema.parse(events[0]);
}

/** The call is refused before it leaves: the typed error, nothing at the provider. */
async function assertBlocked(call: Promise<unknown>, requestsBefore: number, requests: () => number): Promise<OutflowBlockedError> {
  const error = await call.then(
    () => assert.fail('the call should have been blocked'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OutflowBlockedError, String(error));
  assert.equal(requests(), requestsBefore);
  return error;
}

test('a plain JSON chat call through the openai client is complete, with nothing unscanned', async () => {
  const { fake, sink, outflow } = await setup();
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
  await outflow.flush();
  const event = only(sink.events);
  assert.equal(event.schemaVersion, 2);
  assert.deepEqual(event.coverage, { complete: true, unscanned: [] });
});

test('images and audio sent inline through the openai client are listed as binary, and the text around them is scanned', async () => {
  const { fake, sink, outflow } = await setup();
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: `Who is ${EMAIL}?` },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZFZm10IBAAAAABAAEA', format: 'wav' } },
        ],
      },
    ],
  });
  await outflow.flush();
  const event = only(sink.events);
  assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content[0].text']]);
  assert.deepEqual(event.coverage, {
    complete: false,
    unscanned: [
      { where: 'messages[0].content[1].image_url.url', reason: 'binary', bytes: Buffer.from(PNG, 'base64').byteLength },
      { where: 'messages[0].content[2].input_audio.data', reason: 'binary', bytes: 24 },
    ],
  });
  assert.deepEqual(event.request.attachments.map((a) => a.mimeType), ['image/png', 'audio/wav']);
});

test('a PDF sent as an Anthropic document is listed as binary; a base64 text document is decoded and scanned', async () => {
  const { fake, sink, outflow } = await setup();
  const text = Buffer.from(`Customer: ${EMAIL}\n`).toString('base64');
  await outflow.fetch(`${fake.url}/v1/messages`, json({
    model: 'claude-sonnet-4',
    max_tokens: 100,
    messages: [{
      role: 'user',
      content: [
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSPj4K' } },
        { type: 'document', source: { type: 'base64', media_type: 'text/plain', data: text } },
      ],
    }],
  }));
  await outflow.flush();
  const event = only(sink.events);
  assert.deepEqual(event.coverage.unscanned, [{ where: 'messages[0].content[0].source.data', reason: 'binary', bytes: 45 }]);
  assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content[1].source.data']]);
});

describe('a browser upload with a mixed-case multipart boundary', () => {
  const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
  const upload =
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="customers.csv"\r\nContent-Type: text/csv\r\n\r\nname,email\r\nJane,${EMAIL}\r\n` +
    `--${boundary}--\r\n`;
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  const bodies: [string, (url: string) => [RequestInfo, RequestInit?]][] = [
    ['Request', (url) => [new Request(url, { method: 'POST', headers, body: upload })]],
    ['Blob', (url) => [url, { method: 'POST', headers, body: new Blob([upload]) }]],
    ['stream', (url) => [url, { method: 'POST', headers, body: new Blob([upload]).stream(), duplex: 'half' } as RequestInit]],
  ];

  for (const [kind, make] of bodies) {
    test(`as a ${kind}: parsed with its boundary as sent, the file scanned, the bytes sent unchanged`, async () => {
      const { fake, sink, outflow } = await setup();
      await outflow.fetch(...make(`${fake.url}/v1/files`));
      await outflow.flush();
      const event = only(sink.events);
      assert.equal(event.destination.api, 'multipart');
      assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'file']]);
      assert.deepEqual(event.request.attachments, [{ mimeType: 'text/csv', bytes: Buffer.byteLength(`name,email\r\nJane,${EMAIL}`), name: 'customers.csv' }]);
      assert.deepEqual(event.coverage, { complete: true, unscanned: [] });
      assert.equal(fake.requests[0]?.body, upload);
    });

    test(`as a ${kind}: a block rule refuses it before it leaves`, async () => {
      const { fake, outflow } = await setup(blockEmails);
      const error = await assertBlocked(outflow.fetch(...make(`${fake.url}/v1/files`)), 0, () => fake.requests.length);
      assert.deepEqual(error.findings.map((f) => [f.type, f.field]), [['EMAIL', 'file']]);
    });
  }
});

describe('compressed request bodies', () => {
  for (const [encoding, compress] of [['gzip', gzipSync], ['deflate', deflateSync]] as const) {
    test(`${encoding}: decoded and scanned; the compressed bytes leave as the app made them`, async () => {
      const { fake, sink, outflow } = await setup();
      const compressed = compress(chatBody);
      await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: compressed });
      await outflow.flush();
      const event = only(sink.events);
      assert.equal(event.destination.api, 'openai-chat');
      assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content']]);
      assert.deepEqual(event.coverage, { complete: true, unscanned: [] });
      assert.deepEqual(fake.requests[0]?.rawBody, compressed);
      assert.equal(event.request.bytes, compressed.byteLength);
    });

    test(`${encoding}: a block rule refuses it`, async () => {
      const { fake, outflow } = await setup(blockEmails);
      await assertBlocked(
        outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: compress(chatBody) }),
        0,
        () => fake.requests.length,
      );
    });
  }

  test('gzip under a redact rule: the redacted body leaves uncompressed, without Content-Encoding', async () => {
    const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['EMAIL'], action: 'redact' }] } });
    await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(chatBody) });
    await outflow.flush();
    assert.equal(fake.requests[0]?.headers['content-encoding'], undefined);
    assert.deepEqual(fake.requests[0]?.json, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write to [EMAIL_1]' }] });
    assert.equal(sink.events[0]?.decision, 'redacted');
  });

  test('brotli: scanned where the runtime decodes it, else listed as encoding', async () => {
    const { fake, sink, outflow } = await setup();
    const compressed = brotliCompressSync(chatBody);
    await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: compressed });
    await outflow.flush();
    const event = only(sink.events);
    const runtimeHasBrotli = (() => {
      try {
        new DecompressionStream('brotli' as CompressionFormat);
        return true;
      } catch {
        return false;
      }
    })();
    if (runtimeHasBrotli) assert.deepEqual(event.findings.map((f) => f.type), ['EMAIL']);
    else assert.deepEqual(event.coverage, { complete: false, unscanned: [{ where: 'body', reason: 'encoding', bytes: compressed.byteLength }] });
    assert.deepEqual(fake.requests[0]?.rawBody, compressed);
  });

  test('a zip bomb is decoded only up to the bound and listed as size; the call still goes out', async () => {
    const { fake, sink, outflow } = await setup();
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a'));
    const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    assert.equal(response.status, 200);
    await outflow.flush();
    assert.deepEqual(only(sink.events).coverage, { complete: false, unscanned: [{ where: 'body', reason: 'size', bytes: bomb.byteLength }] });
  });

  test('corrupt gzip and an unknown encoding are listed as encoding', async () => {
    const { fake, sink, outflow } = await setup();
    for (const [encoding, body] of [['gzip', 'not gzip at all'], ['zstd', chatBody], ['gzip, gzip, gzip, gzip, gzip', chatBody]] as const) {
      await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: new TextEncoder().encode(body) });
    }
    await outflow.flush();
    assert.deepEqual(sink.events.map((e) => e.coverage.unscanned.map((u) => u.reason)), [['encoding'], ['encoding'], ['encoding']]);
  });
});

describe('JSON whatever the label says', () => {
  const labels = ['application/octet-stream', 'application/x-www-form-urlencoded', 'text/plain', 'image/png'];
  for (const label of labels) {
    test(`labelled ${label}: read as the chat request it is`, async () => {
      const { fake, sink, outflow } = await setup();
      await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': label }, body: new TextEncoder().encode(chatBody) });
      await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': label }, body: chatBody });
      await outflow.flush();
      for (const event of sink.events) {
        assert.equal(event.destination.api, 'openai-chat');
        assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content']]);
        assert.equal(event.coverage.complete, true);
      }
      assert.deepEqual(fake.requests.map((r) => r.body), [chatBody, chatBody]);
    });
  }

  test('a block rule refuses JSON sent as octet-stream and as form-urlencoded', async () => {
    const { fake, outflow } = await setup(blockEmails);
    for (const label of ['application/octet-stream', 'application/x-www-form-urlencoded']) {
      await assertBlocked(outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': label }, body: chatBody }), 0, () => fake.requests.length);
    }
  });
});

describe('async-iterable bodies', () => {
  async function* chunks(): AsyncGenerator<Uint8Array | string> {
    yield new TextEncoder().encode(chatBody.slice(0, 20));
    yield Buffer.from(chatBody.slice(20, 40));
    yield chatBody.slice(40);
  }
  const init = (body: AsyncIterable<unknown>) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' }) as unknown as RequestInit;

  test('read, scanned, and sent byte for byte', async () => {
    const { fake, sink, outflow } = await setup();
    await outflow.fetch(`${fake.url}/v1/chat/completions`, init(chunks()));
    await outflow.flush();
    const event = only(sink.events);
    assert.equal(fake.requests[0]?.body, chatBody);
    assert.equal(event.request.bytes, Buffer.byteLength(chatBody));
    assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[0].content']]);
    assert.deepEqual(event.coverage, { complete: true, unscanned: [] });
  });

  test('a block rule refuses it', async () => {
    const { fake, outflow } = await setup(blockEmails);
    await assertBlocked(outflow.fetch(`${fake.url}/v1/chat/completions`, init(chunks())), 0, () => fake.requests.length);
  });

  test('one that fails part-way fails the call as fetch would, and what was not read is listed as error', async () => {
    const { fake, sink, outflow } = await setup();
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"messages":');
      throw new Error('upstream file closed');
    }
    await assert.rejects(outflow.fetch(`${fake.url}/v1/chat/completions`, init(broken())));
    await outflow.flush();
    const event = only(sink.events);
    // What was read is still scanned: a truncated JSON body, listed as not understood too.
    assert.deepEqual(event.coverage.unscanned, [{ where: 'body', reason: 'error', bytes: 12 }, { where: 'body', reason: 'format', bytes: 12 }]);
    assert.equal(event.error?.kind, 'network');
  });
});

describe('uploads', () => {
  test('a text file over the size limit, through the openai client, is listed as size; a binary file as binary', async () => {
    const { fake, sink, outflow } = await setup();
    const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
    const big = `${'order 88213 shipped, customer notified\n'.repeat(140_000)}${EMAIL}\n`;
    await openai.files.create({ file: await toFile(Buffer.from(big), 'export.csv', { type: 'text/csv' }), purpose: 'assistants' });
    await openai.files.create({ file: await toFile(Buffer.from(PNG, 'base64'), 'logo.png', { type: 'image/png' }), purpose: 'vision' });
    await outflow.flush();
    // The client also probes `fetch('data:,')` once; only the uploads are of interest here.
    assert.deepEqual(sink.events.filter((e) => e.destination.path === '/v1/files').map((e) => e.coverage), [
      { complete: false, unscanned: [{ where: 'file', reason: 'size', bytes: Buffer.byteLength(big) }] },
      { complete: false, unscanned: [{ where: 'file', reason: 'binary', bytes: Buffer.from(PNG, 'base64').byteLength }] },
    ]);
  });

  test('a text file with a binary label or none is read as text', async () => {
    const { fake, sink, outflow } = await setup();
    const form = new FormData();
    form.append('file', new File([`AWS_PROFILE=prod\nOWNER=${EMAIL}\n`], '.env', { type: 'application/octet-stream' }));
    await outflow.fetch(`${fake.url}/upload`, { method: 'POST', body: form });
    await outflow.flush();
    const event = only(sink.events);
    assert.deepEqual(event.findings.map((f) => [f.type, f.field]), [['EMAIL', 'file']]);
    assert.equal(event.coverage.complete, true);
  });
});

test('JSON nested deeper than the walker goes is listed as depth', async () => {
  const { fake, sink, outflow } = await setup();
  let nested: unknown = `reach ${EMAIL}`;
  for (let i = 0; i < 80; i++) nested = { more: nested };
  await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], metadata: nested }));
  await outflow.flush();
  const { unscanned } = only(sink.events).coverage;
  assert.equal(unscanned.length, 1);
  assert.equal(unscanned[0]?.reason, 'depth');
  assert.match(unscanned[0]?.where ?? '', /^metadata(\.more)+/);
  assert.ok((unscanned[0]?.bytes ?? 0) > 0);
});

test("an Outflow failure is recorded as error.kind 'internal' and its field as unscanned (error); the call goes through", async () => {
  const { fake, sink, outflow, errors } = await setup({ scanner: { scan: () => { throw new Error('scanner bug'); } } });
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `mail ${EMAIL}` }] }));
  assert.equal(response.status, 200);
  await response.json();
  await outflow.flush();
  const event = only(sink.events);
  assert.equal(event.error?.kind, 'internal');
  assert.deepEqual(event.coverage, { complete: false, unscanned: [{ where: 'messages[0].content', reason: 'error', bytes: Buffer.byteLength(`mail ${EMAIL}`) }] });
  assert.equal(event.request.chars, 0);
  assert.ok(errors.length >= 1);
});
