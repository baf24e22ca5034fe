import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutflow, memorySink } from '../../../sdk/src/index';
import type { Sink } from '../../../sdk/src/sinks/types';
import { EMAIL, json, setup } from './helpers';

test('a throwing sink never breaks the call; the failure is counted and reported', async () => {
  const stages: string[] = [];
  const broken: Sink = { name: 'broken', write: () => { throw new Error('sink down'); } };
  const { fake, outflow } = await setup({ sinks: [broken, memorySink()], onError: (_e, ctx) => stages.push(`${ctx.stage}:${ctx.sink}`) });
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: EMAIL }] }));
  assert.equal(response.status, 200);
  await response.json();
  await outflow.flush();
  assert.deepEqual(stages, ['sink:broken']);
  assert.equal(outflow.stats().errors, 1);
});

test('a throwing scanner never breaks the call: it goes out unchanged and is recorded without findings', async () => {
  const sink = memorySink();
  const errors: unknown[] = [];
  const { fake } = await setup();
  const outflow = createOutflow({
    app: 'test-app',
    sinks: [sink],
    policy: { rules: [{ types: ['EMAIL'], action: 'block' }] },
    scanner: { scan: () => { throw new Error('scanner bug'); } },
    onError: (e) => errors.push(e),
  });
  const body = JSON.stringify({ messages: [{ role: 'user', content: EMAIL }] });
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', body });
  assert.equal(response.status, 200);
  await response.text();
  await outflow.close();
  assert.equal(fake.requests[0]?.body, body);
  assert.equal(sink.events[0]?.decision, 'allowed');
  assert.equal(outflow.stats().errors, 1);
  assert.equal(errors.length, 1);
});

test('a throwing onError is swallowed too', async () => {
  const { fake } = await setup();
  const outflow = createOutflow({ app: 'test-app', sinks: [{ name: 'x', write: () => Promise.reject(new Error('x')) }], onError: () => { throw new Error('handler bug'); } });
  await (await outflow.fetch(`${fake.url}/v1/embeddings`, json({ input: 'hi' }))).json();
  await outflow.close();
  assert.equal(outflow.stats().errors, 1);
});

test('stats count calls, events, blocked, redacted', async () => {
  const { fake, outflow } = await setup({ policy: { rules: [{ types: ['EMAIL'], action: 'redact' }, { types: ['AWS_ACCESS_KEY'], action: 'block' }] } });
  await (await outflow.fetch(`${fake.url}/v1/embeddings`, json({ input: EMAIL }))).json();
  await (await outflow.fetch(`${fake.url}/v1/embeddings`, json({ input: 'plain' }))).json();
  await outflow.fetch(`${fake.url}/v1/embeddings`, json({ input: 'AKIA4QZ7RNXW2MBT6KLP' })).catch(() => undefined);
  await outflow.flush();
  assert.deepEqual(outflow.stats(), { calls: 3, events: 3, blocked: 1, redacted: 1, dropped: 0, errors: 0 });
});
