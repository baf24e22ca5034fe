/**
 * Sample fingerprints are computed after a call that goes out (off its path) and at once for a
 * blocked one; either way each distinct value gets the keyed fingerprint the scanner documents,
 * and no raw value reaches an event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint } from '../../../sdk/src/detect/index';
import { AWS_KEY, EMAIL, OTHER_EMAIL, json, setup } from './helpers';

const KEY = 'team-fingerprint-key-0123456789abcdef';

test('an allowed call: one sample per distinct value, each with its keyed fingerprint', async () => {
  const { fake, sink, outflow } = await setup({ fingerprintKey: KEY });
  const content = `mail ${EMAIL}, cc ${OTHER_EMAIL}, again ${EMAIL.toUpperCase()}`;
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content }, { role: 'user', content: EMAIL }] }))).json();
  await outflow.flush();
  const findings = sink.events[0]?.findings ?? [];
  assert.deepEqual(findings.map((f) => [f.field, f.count]), [['messages[0].content', 3], ['messages[1].content', 1]]);
  assert.deepEqual(
    findings[0]?.samples.map((s) => s.fingerprint),
    [fingerprint(EMAIL, KEY), fingerprint(OTHER_EMAIL, KEY)],
  );
  assert.equal(findings[1]?.samples[0]?.fingerprint, fingerprint(EMAIL, KEY));
  assert.ok(!JSON.stringify(sink.events).includes(EMAIL) && !JSON.stringify(sink.events).toLowerCase().includes(OTHER_EMAIL));
});

test('a blocked call: the error and the event carry fingerprints too', async () => {
  const { fake, sink, outflow } = await setup({ fingerprintKey: KEY, policy: { rules: [{ categories: ['secret'], action: 'block' }] } });
  await assert.rejects(outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `key ${AWS_KEY}` }] })));
  await outflow.flush();
  assert.equal(sink.events[0]?.decision, 'blocked');
  assert.equal(sink.events[0]?.findings[0]?.samples[0]?.fingerprint, fingerprint(AWS_KEY, KEY));
});

test('events keep the order their calls finished in, though a finished call is recorded after the app has its body', async () => {
  const { fake, sink, outflow } = await setup({ policy: { rules: [{ categories: ['secret'], action: 'block' }] } });
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: 'first' }] }))).text();
  await assert.rejects(outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `key ${AWS_KEY}` }] })));
  await outflow.flush();
  assert.deepEqual(sink.events.map((e) => [e.seq, e.decision]), [[0, 'allowed'], [1, 'blocked']]);
});
