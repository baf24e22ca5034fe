/**
 * No raw value anywhere: the side doors — a URL path, an error message, an uploaded file's name,
 * a JSON key — are masked by the event builder, and the sinks and the app's error inherit it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createOutflow, memorySink } from '../../../sdk/src/index';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { createScrubber, scrubEvent } from '../../../sdk/src/intercept/scrub';
import { createScanner } from '../../../sdk/src/detect/index';
import { summarise } from '../../../sdk/src/sinks/console';
import { jsonlSink } from '../../../sdk/src/sinks/jsonl';
import { toExportLogsRequest } from '../../../sdk/src/otel/logs';
import { FlowEventSchema, type FlowEvent } from '../../../sdk/src/schema';
import { AWS_KEY, CARD, EMAIL, json, setup } from './helpers';

const GITHUB_TOKEN = 'ghp_R8x2Lq9VbN4mZt7YwK1pQs3Dh6Jf5Ua0Xc7a';
const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const RAW = [EMAIL, GITHUB_TOKEN, TELEGRAM_TOKEN.split(':')[1]!, AWS_KEY, CARD, 'fragment-secret'];

function assertNoRawValue(where: string, text: string): void {
  for (const value of RAW) assert.ok(!text.includes(value), `${where} holds ${value}: ${text}`);
}

test('destination.path: a token or an e-mail in a path segment is masked, the rest of the path kept', async () => {
  const { fake, sink, outflow } = await setup();
  await outflow.fetch(`${fake.url}/v1/${GITHUB_TOKEN}/chat/completions`, json({ messages: [{ role: 'user', content: 'hi' }] }));
  await outflow.fetch(`${fake.url}/bot${TELEGRAM_TOKEN}/sendMessage`, json({ text: 'hi' }));
  await outflow.fetch(`${fake.url}/users/${encodeURIComponent(EMAIL)}/messages`, json({ text: 'hi' }));
  await outflow.fetch(`${fake.url}/users/${EMAIL}/messages`, json({ text: 'hi' }));
  await outflow.fetch(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent`, json({ contents: [{ parts: [{ text: 'hi' }] }] }));
  await outflow.flush();
  assert.deepEqual(sink.events.map((e) => e.destination.path), [
    '/v1/[GITHUB_TOKEN]/chat/completions',
    '/[TOKEN]/sendMessage',
    '/users/[EMAIL]/messages',
    '/users/[EMAIL]/messages',
    '/v1beta/models/gemini-2.0-flash:generateContent',
  ]);
  assert.equal(sink.events[0]?.destination.api, 'openai-chat', 'the path is recognised before it is masked');
});

test('error.message: a URL is cut to its origin and masked path; what a custom fetch echoes is masked', async () => {
  const sink = memorySink();
  const outflow = createOutflow({
    app: 'test-app',
    sinks: [sink],
    fetch: async (input, init) => {
      throw new Error(`upstream refused ${String(input)}#fragment-secret?x=1 with body ${String(init?.body)} (auth ${GITHUB_TOKEN})`);
    },
  });
  const url = `https://user:hunter2pass@api.example.com/bot${TELEGRAM_TOKEN}/send?key=${AWS_KEY}`;
  await assert.rejects(outflow.fetch(url, json({ note: `card ${CARD}, mail ${EMAIL}` })));
  await outflow.close();
  const message = sink.events[0]?.error?.message ?? '';
  assertNoRawValue('error.message', message);
  assert.ok(!message.includes('hunter2pass'));
  assert.match(message, /^Error: upstream refused https:\/\/api\.example\.com\/\[TOKEN\]\/send with body /);
  assert.match(message, /\[EMAIL\]/);
  assert.match(message, /\[GITHUB_TOKEN\]/);
});

test('multipart file names are scanned, found values masked in the attachment and reported as findings', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['EMAIL'], action: 'redact' }] } });
  const form = new FormData();
  form.append('file', new File(['quarterly numbers'], `${EMAIL}.csv`, { type: 'text/csv' }));
  await outflow.fetch(`${fake.url}/v1/files`, { method: 'POST', body: form });
  await outflow.flush();
  const event = sink.events[0];
  assert.deepEqual(event?.request.attachments, [{ mimeType: 'text/csv', bytes: 17, name: '[EMAIL]' }]);
  assert.deepEqual(event?.findings.map((f) => [f.type, f.field, f.action]), [['EMAIL', 'file(filename)', 'redact']]);
  assert.ok(!fake.requests[0]?.body.includes(EMAIL), 'the redacted upload carries the placeholder as its name');
  assert.match(fake.requests[0]?.body ?? '', /filename="\[EMAIL_1\]\.csv"/);
});

test('a JSON key that is a secret never appears in field or in the OutflowBlockedError message', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ types: ['CREDIT_CARD', 'AWS_ACCESS_KEY'], action: 'block' }] } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const error = await openai.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], metadata: { [GITHUB_TOKEN]: `card ${CARD}`, [AWS_KEY]: 'x', [EMAIL]: 'y' } })
    .catch((e: unknown) => e);
  assert.ok(error instanceof OpenAI.APIConnectionError);
  const blocked = error.cause;
  assert.ok(blocked instanceof OutflowBlockedError);
  assertNoRawValue('error message', blocked.message);
  assertNoRawValue('error findings', JSON.stringify(blocked.findings));
  assert.deepEqual(blocked.findings.map((f) => [f.type, f.field]), [['CREDIT_CARD', 'metadata[#0]'], ['AWS_ACCESS_KEY', 'metadata[#1](key)']]);
  await outflow.flush();
  const event = sink.events.find((e) => e.decision === 'blocked');
  assertNoRawValue('event', JSON.stringify(event));
  assert.deepEqual(event?.findings.map((f) => f.field).sort(), ['metadata[#0]', 'metadata[#0](key)', 'metadata[#1](key)', 'metadata[#2](key)'].sort());
});

test('the console, JSONL and OTLP sinks carry the masked event', async () => {
  const { fake, sink, outflow } = await setup();
  await outflow.fetch(`${fake.url}/users/${EMAIL}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `key ${AWS_KEY}` }] }));
  await outflow.fetch(`http://127.0.0.1:1/${GITHUB_TOKEN}`, json({})).catch(() => undefined);
  await outflow.flush();
  const dir = await mkdtemp(join(tmpdir(), 'outflow-raw-'));
  try {
    const jsonl = jsonlSink(join(dir, 'events.jsonl'));
    await jsonl.write(sink.events);
    await jsonl.close?.();
    assertNoRawValue('jsonl', await readFile(join(dir, 'events.jsonl'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const event of sink.events) assertNoRawValue('console', summarise(event));
  assertNoRawValue('otlp', JSON.stringify(toExportLogsRequest(sink.events, { serviceName: 'svc', scope: { name: '@outflow/sdk' } })));
  assert.equal(sink.events.length, 2);
});

test('scrubEvent masks every string but those that cannot hold request data, including fields added later', () => {
  const scrubber = createScrubber([createScanner()]);
  const event = {
    schemaVersion: 2,
    id: 'evt_0000000001',
    timestamp: '2025-01-01T00:00:00.000Z',
    sessionId: 's1',
    seq: 0,
    source: { sdkVersion: '0.1.0', app: 'support-assistant', runtime: 'node', note: `from ${EMAIL}` },
    destination: { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: `/v1/${GITHUB_TOKEN}`, model: `m-${AWS_KEY}`, external: true },
    request: { method: 'POST', bytes: 1, chars: 1, attachments: [{ mimeType: 'text/plain', bytes: 1, name: `${EMAIL}.txt` }] },
    findings: [{ type: 'EMAIL', category: 'pii', count: 1, confidence: 1, field: `x.${AWS_KEY}`, samples: [{ preview: 'j•••@a•••.com' }], action: 'log' }],
    decision: 'allowed',
    error: { kind: 'network', message: `failed for ${EMAIL}` },
    coverage: { complete: false, unscanned: [{ where: `y.${GITHUB_TOKEN}`, reason: 'binary', bytes: 3 }] },
    justification: `I had to send ${CARD}`,
  };
  const scrubbed = scrubEvent(event, scrubber);
  assertNoRawValue('scrubbed', JSON.stringify(scrubbed));
  assert.equal(scrubbed.source.note, 'from [EMAIL]');
  assert.equal(scrubbed.justification, 'I had to send [CREDIT_CARD]');
  assert.equal(scrubbed.findings[0]?.samples[0]?.preview, 'j•••@a•••.com');
  assert.deepEqual([scrubbed.id, scrubbed.destination.host, scrubbed.decision, scrubbed.coverage.unscanned[0]?.reason], [event.id, event.destination.host, 'allowed', 'binary']);
  FlowEventSchema.parse(scrubbed as unknown as FlowEvent);
});

test('a cut through a long message never leaves part of a value', () => {
  const scrubber = createScrubber([createScanner()]);
  const message = `${'x '.repeat(2047)}${GITHUB_TOKEN}${'y'.repeat(100)}`;
  const masked = scrubber.text(message);
  assert.ok(!masked.includes(GITHUB_TOKEN.slice(0, 6)), masked.slice(-60));
});

test('a table column whose name is itself sensitive is left out of findings.columns, and the event stays valid', async () => {
  const { fake, sink, outflow } = await setup({ policy: { customDetectors: [{ kind: 'keywords', id: 'PROJECT', terms: ['falcon'] }] } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const table = 'id,ssn,falcon\n1,536-22-8197,x\n2,536-22-8191,y\n';
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: table }] });
  await outflow.flush();
  const event = FlowEventSchema.parse(sink.events[0]);
  const columns = event.findings.flatMap((finding) => finding.columns ?? []);
  assert.ok(columns.includes('ssn'), JSON.stringify(event.findings));
  assert.ok(!columns.some((column) => column.toLowerCase().includes('falcon') || column.includes('[')), JSON.stringify(columns));
  assert.ok(!JSON.stringify(event).includes('falcon'));
});
