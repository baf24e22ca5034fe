/**
 * Under a policy that can only log (the default), a call leaves before it is scanned and the
 * scan runs while the provider answers; a policy that can redact or block scans first. Either
 * way the event is the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createScanner } from '../../../sdk/src/detect/index';
import type { PolicyInput } from '../../../sdk/src/index';
import { EMAIL, json, setup } from './helpers';

async function order(policy: PolicyInput) {
  const steps: string[] = [];
  const scanner = createScanner();
  const { fake, sink, outflow } = await setup({
    policy,
    // The prompt's scan; the event builder also scans the path and field names it records.
    scanner: { scan: (text) => (text.includes(EMAIL) && steps.push('scan'), scanner.scan(text)) },
    fetch: (input, init) => (steps.push('sent'), fetch(input, init)),
  });
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `mail ${EMAIL}` }] }))).json();
  await outflow.flush();
  return { steps, events: sink.events, received: fake.requests.length };
}

test('log-only policy: sent first, scanned alongside, same event', async () => {
  const { steps, events, received } = await order({});
  assert.deepEqual(steps, ['sent', 'scan']);
  assert.equal(received, 1);
  assert.equal(events.length, 1);
  assert.equal(events[0]?.decision, 'allowed');
  assert.deepEqual(events[0]?.findings.map((f) => [f.type, f.field, f.action]), [['EMAIL', 'messages[0].content', 'log']]);
});

test('a policy that could redact or block scans before anything is sent', async () => {
  for (const policy of [{ rules: [{ types: ['AWS_ACCESS_KEY'], action: 'block' }] }, { defaultAction: 'redact' }, { allowedDestinations: ['127.0.0.1'] }] as PolicyInput[]) {
    const { steps } = await order(policy);
    assert.deepEqual(steps, ['scan', 'sent'], JSON.stringify(policy));
  }
});

test('a call that fails before its scan ran is recorded with its findings once the scan is done', async () => {
  const { sink, outflow } = await setup();
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  await assert.rejects(outflow.fetch(`http://127.0.0.1:${port}/v1/chat/completions`, json({ messages: [{ role: 'user', content: `mail ${EMAIL}` }] })));
  await outflow.flush();
  assert.equal(sink.events.length, 1);
  assert.equal(sink.events[0]?.error?.kind, 'network');
  assert.deepEqual(sink.events[0]?.findings.map((f) => f.type), ['EMAIL']);
});
