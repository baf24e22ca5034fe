import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutflowBlockedError, OutflowError } from '../../../sdk/src/errors';
import { AWS_KEY, json, setup } from './helpers';

test('block: the provider never receives the call and the app gets a typed error without the value', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ categories: ['secret'], action: 'block' }] } });
  const before = fake.requests.length;
  const error = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o', messages: [{ role: 'user', content: `my key is ${AWS_KEY}` }] })).then(
    () => assert.fail('the call should have been blocked'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OutflowBlockedError);
  assert.ok(OutflowError.isInstance(error));
  assert.deepEqual(error.findings, [{ type: 'AWS_ACCESS_KEY', category: 'secret', count: 1, field: 'messages[0].content' }]);
  assert.ok(!error.message.includes(AWS_KEY));
  assert.equal(fake.requests.length, before);
  await outflow.flush();
  assert.equal(sink.events.length, 1);
  assert.equal(sink.events[0]?.decision, 'blocked');
  assert.equal(sink.events[0]?.id, error.eventId);
  assert.equal(sink.events[0]?.request.bytes, 0);
  assert.equal(sink.events[0]?.error?.kind, 'blocked');
  assert.equal(outflow.stats().blocked, 1);
});

test('a destination outside allowedDestinations is blocked whatever the data', async () => {
  const { fake, outflow } = await setup({ policy: { allowedDestinations: ['openai', 'api.anthropic.com'] } });
  const error = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: 'hi' }] })).catch((e: unknown) => e);
  assert.ok(error instanceof OutflowBlockedError);
  assert.equal(error.destination, '127.0.0.1');
  assert.equal(fake.requests.length, 0);
});

test('warn and justify in a policy are recorded as log by the SDK: the call goes out unchanged', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ categories: ['secret'], action: 'justify' }, { types: ['EMAIL'], action: 'warn' }] } });
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o', messages: [{ role: 'user', content: `my key is ${AWS_KEY}` }] }));
  assert.equal(response.status, 200);
  await response.text();
  await outflow.flush();
  assert.equal(fake.requests.length, 1);
  assert.ok(fake.requests[0]?.body.includes(AWS_KEY));
  assert.equal(sink.events[0]?.decision, 'allowed');
  assert.equal(sink.events[0]?.source.kind, 'sdk');
  assert.deepEqual(sink.events[0]?.findings.map((f) => [f.type, f.action]), [['AWS_ACCESS_KEY', 'log']]);
});
