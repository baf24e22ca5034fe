import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import * as semconv from '@opentelemetry/semantic-conventions/incubating';
import { createOutflow } from '../../../sdk/src/index';
import { otlpSink } from '../../../sdk/src/node';
import { startFakeProvider } from '../../fixtures/fake-provider/index';
import { startOtlpReceiver, type ReceivedRecord } from '../../fixtures/otlp-receiver/index';
import { AWS_KEY, CARD, EMAIL } from '../intercept/helpers';
import { flowRecord } from '../../../sdk/src/otel/logs';
import { eventRow } from '../../../sdk/src/clickhouse/row';
import type { FlowEvent } from '../../../sdk/src/schema';
import { flowEvent } from '../../e2e/helpers/flow-events';

async function exportSession(): Promise<{ records: ReceivedRecord[]; fingerprintKey: string }> {
  const fake = await startFakeProvider();
  const receiver = await startOtlpReceiver();
  after(async () => {
    await fake.close();
    await receiver.close();
  });
  const fingerprintKey = 'org-key-0123456789abcdef0123456789abcdef';
  const outflow = createOutflow({
    app: 'support-assistant',
    fingerprintKey,
    // The fake provider stands in for the real services on loopback.
    providers: { '127.0.0.1': 'openai' },
    policy: { rules: [{ types: ['AWS_ACCESS_KEY'], action: 'block' }] },
    sinks: [otlpSink({ endpoint: receiver.url, serviceName: 'support-assistant', headers: { 'x-api-key': 'collector-token' } })],
  });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: `Refund ${CARD} for ${EMAIL}, cc ${EMAIL}` }],
  }).then(async (stream) => {
    for await (const _ of stream) void _;
  });
  await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'plain text' });
  await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${AWS_KEY}` }] }));
  const anthropicOutflow = createOutflow({ app: 'support-assistant', fingerprintKey, providers: { 'localhost': 'anthropic' }, sinks: [otlpSink({ endpoint: receiver.url })] });
  const anthropic = new Anthropic({ apiKey: 'sk-ant-fake', baseURL: fake.url.replace('127.0.0.1', 'localhost'), fetch: anthropicOutflow.fetch, maxRetries: 0 });
  await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: `mail ${EMAIL}` }] });
  await outflow.close();
  await anthropicOutflow.close();
  assert.deepEqual(receiver.rejected, []);
  assert.equal(receiver.headers[0]?.['x-api-key'], 'collector-token');
  return { records: receiver.records, fingerprintKey };
}

test('OTLP export: one outflow.flow record per call with the GenAI conventions, one gen_ai.security.finding per finding, no raw value', async () => {
  const { records } = await exportSession();
  const flows = records.filter((r) => r.eventName === 'outflow.flow');
  const findings = records.filter((r) => r.eventName === 'gen_ai.security.finding');
  assert.equal(flows.length, 4);
  const [chat, embeddings, blocked, claude] = flows.map((r) => r.attributes);

  assert.equal(chat?.['event.name'], 'outflow.flow');
  assert.equal(chat?.['gen_ai.provider.name'], semconv.GEN_AI_PROVIDER_NAME_VALUE_OPENAI);
  assert.equal(chat?.['gen_ai.operation.name'], semconv.GEN_AI_OPERATION_NAME_VALUE_CHAT);
  assert.equal(chat?.['gen_ai.request.model'], 'gpt-4o-mini');
  assert.equal(chat?.['gen_ai.request.stream'], true);
  assert.equal(typeof chat?.['gen_ai.usage.input_tokens'], 'number');
  assert.equal(typeof chat?.['gen_ai.usage.output_tokens'], 'number');
  assert.equal(chat?.['server.address'], '127.0.0.1');
  assert.deepEqual([...(chat?.['outflow.findings.types'] as string[])].sort(), ['CREDIT_CARD', 'EMAIL']);
  assert.equal(chat?.['outflow.findings.total'], 3);
  assert.equal(chat?.['outflow.decision'], 'allowed');
  assert.equal(chat?.['outflow.app'], 'support-assistant');

  assert.equal(embeddings?.['gen_ai.operation.name'], semconv.GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS);
  assert.equal(blocked?.['error.type'], 'blocked');
  assert.equal(blocked?.['gen_ai.security.action.type'], 'block');
  assert.equal(flows[2]?.severityText, 'WARN');
  assert.equal(claude?.['gen_ai.provider.name'], semconv.GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC);

  // Findings: one record per (type × field), fingerprints only as keyed hashes.
  const email = findings.find((r) => r.attributes['outflow.finding.type'] === 'EMAIL' && r.attributes['outflow.event.id'] === chat?.['outflow.event.id']);
  assert.ok(email, 'an EMAIL finding record for the chat call');
  assert.equal(email.attributes['outflow.finding.count'], 2);
  assert.equal(email.attributes['gen_ai.security.risk.category'], 'pii');
  const fingerprints = email.attributes['outflow.finding.fingerprints'] as string[];
  assert.ok(fingerprints.length >= 1 && fingerprints.every((f) => /^hmac-sha256:[0-9a-f]{32}$/.test(f)));

  // Nothing raw anywhere in what left for the collector.
  const wire = JSON.stringify(records);
  for (const raw of [EMAIL, CARD, CARD.replace(/ /g, ''), AWS_KEY]) assert.ok(!wire.includes(raw), `no raw ${raw.slice(0, 4)}… in the export`);
});

test('OTLP attribute names follow @opentelemetry/semantic-conventions', async () => {
  const { records } = await exportSession();
  // Every gen_ai.*, server.*, error.* and http.* key we emit is a name the package defines, or a
  // draft guardrail name documented in docs/org.md; `outflow.*` is ours.
  const known = new Set(Object.entries(semconv).filter(([name]) => name.startsWith('ATTR_')).map(([, value]) => value as string));
  const draftGuardrail = new Set(['gen_ai.security.action.type', 'gen_ai.security.target.type', 'gen_ai.security.risk.category', 'gen_ai.security.risk.score']);
  const keys = new Set(records.flatMap((r) => Object.keys(r.attributes)));
  for (const key of keys) {
    if (key.startsWith('outflow.')) continue;
    assert.ok(known.has(key) || draftGuardrail.has(key), `${key} is a semantic-conventions attribute`);
  }
  for (const required of [semconv.ATTR_GEN_AI_PROVIDER_NAME, semconv.ATTR_GEN_AI_OPERATION_NAME, semconv.ATTR_GEN_AI_REQUEST_MODEL, semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS, semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, semconv.ATTR_ERROR_TYPE, semconv.ATTR_SERVER_ADDRESS]) {
    assert.ok(keys.has(required), `${required} is emitted`);
  }
});

test('gen_ai.operation.name: a known wire format maps to its operation, a web-app send to chat, anything else to none', () => {
  const sdkChat = flowEvent();
  const webApp: FlowEvent = { ...flowEvent(), source: { ...sdkChat.source, kind: 'web-app', app: 'gemini' }, destination: { ...sdkChat.destination, provider: 'google', api: 'gemini.stream-generate' } };
  const unknown: FlowEvent = { ...flowEvent(), destination: { ...sdkChat.destination, api: 'none' } };
  const operation = (event: FlowEvent) => flowRecord(event).attributes.find((a) => a.key === 'gen_ai.operation.name')?.value;
  assert.deepEqual(operation(sdkChat), { stringValue: semconv.GEN_AI_OPERATION_NAME_VALUE_CHAT });
  assert.deepEqual(operation(webApp), { stringValue: semconv.GEN_AI_OPERATION_NAME_VALUE_CHAT });
  assert.equal(operation(unknown), undefined);
  assert.equal(eventRow(webApp, Date.now()).OperationName, 'chat');
});
