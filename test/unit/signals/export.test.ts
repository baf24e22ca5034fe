/** Raised signals reach the organisation: `outflow.signal` OTLP records, with numbers and an explanation, never prompt text. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createOutflow } from '../../../sdk/src/index';
import { otlpSink } from '../../../sdk/src/node';
import { startFakeProvider } from '../../fixtures/fake-provider/index';
import { startOtlpReceiver } from '../../fixtures/otlp-receiver/index';
import { templatedSession } from '../../fixtures/prompts/index';
import { START } from './helpers';

test('OTLP export: one outflow.signal record per raised signal on an event, its explanation as body', async () => {
  const fake = await startFakeProvider();
  const receiver = await startOtlpReceiver();
  after(async () => {
    await fake.close();
    await receiver.close();
  });
  let now = START;
  const outflow = createOutflow({
    app: 'catalogue-writer',
    clock: () => now,
    policy: { signals: { templated: { action: 'warn', minCalls: 10 } } },
    sinks: [otlpSink({ endpoint: receiver.url, serviceName: 'catalogue-writer' })],
  });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const prompts = templatedSession(21, 12, 30_000);
  for (const prompt of prompts) {
    now += prompt.gapMs;
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] });
  }
  await outflow.close();

  const flows = receiver.records.filter((r) => r.eventName === 'outflow.flow');
  const signals = receiver.records.filter((r) => r.eventName === 'outflow.signal');
  assert.equal(flows.length, 12);
  // Raised from the 10th call (minCalls), on each call after it.
  assert.equal(signals.length, 3);
  const [first] = signals;
  assert.equal(first?.attributes['outflow.signal.kind'], 'templated');
  assert.equal(first?.attributes['outflow.signal.window'], '1h');
  assert.equal(first?.attributes['outflow.signal.action'], 'warn');
  assert.equal(first?.attributes['outflow.signal.calls'], 10);
  assert.equal(first?.severityText, 'WARN');
  assert.match(String(first?.body), /% of the 10 prompts in the last hour are one template with its slots varied\.$/);
  assert.equal(first?.attributes['outflow.event.id'], flows[9]?.attributes['outflow.event.id']);
  assert.deepEqual(flows[11]?.attributes['outflow.signals.kinds'], ['templated']);
  const exported = JSON.stringify(receiver.records);
  for (const prompt of prompts) assert.ok(!exported.includes(prompt.text.slice(0, 40)), 'no prompt text in any record');
});
