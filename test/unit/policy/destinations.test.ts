/**
 * Policy selectors and the hosts they name are compared normalised and label by label: a
 * trailing dot, upper case or an IDN spelling never takes a call out of a rule, and a host that
 * merely contains a provider's labels is never that provider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { compilePolicy } from '../../../sdk/src/policy';
import type { PolicyInput } from '../../../sdk/src/schema';
import { OutflowBlockedError } from '../../../sdk/src/errors';
import { EMAIL, setup } from '../intercept/helpers';

test('selectors match hosts whatever their case, trailing dot or IDN spelling, on both sides', () => {
  const policy = compilePolicy({
    rules: [
      { destinations: ['API.OpenAI.com.'], types: ['EMAIL'], action: 'block' },
      { destinations: ['*.Bücher.example'], types: ['IBAN'], action: 'block' },
    ],
    allowedDestinations: ['openai', 'ki.bücher.example'],
  });
  const dotted = { host: 'api.openai.com.', provider: 'openai' };
  assert.equal(policy.actionFor('EMAIL', 'pii', dotted), 'block');
  assert.equal(policy.actionFor('EMAIL', 'pii', { host: 'API.OPENAI.COM', provider: 'openai' }), 'block');
  assert.equal(policy.actionFor('IBAN', 'financial', { host: 'ki.xn--bcher-kva.example', provider: 'unknown' }), 'block');
  assert.equal(policy.allows({ host: 'KI.XN--BCHER-KVA.EXAMPLE.', provider: 'unknown' }), true);
  assert.equal(policy.allows({ host: 'api.openai.com.evil.example', provider: 'unknown' }), false);
});

/** Sends every call to the fake provider whatever host the client named, as DNS would resolve it. */
async function setupResolvingTo(policy: PolicyInput) {
  let base = '';
  const resolved = await setup({
    policy,
    fetch: (input, init) => fetch(`${base}${new URL(input instanceof Request ? input.url : String(input)).pathname}`, init),
  });
  base = resolved.fake.url;
  return resolved;
}

test('openai client on api.openai.com. (trailing dot): rules scoped to openai and api.openai.com still apply', async () => {
  for (const destination of ['openai', 'api.openai.com']) {
    const { fake, sink, outflow } = await setupResolvingTo({ rules: [{ destinations: [destination], types: ['EMAIL'], action: 'block' }] });
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: 'https://api.openai.com./v1', fetch: outflow.fetch, maxRetries: 0 });
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `write to ${EMAIL}` }] }),
      (error: unknown) => error instanceof OpenAI.APIConnectionError && error.cause instanceof OutflowBlockedError,
      destination,
    );
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
    await outflow.flush();
    assert.equal(fake.requests.length, 1, 'only the clean call reached the provider');
    assert.deepEqual(
      sink.events.map((e) => [e.destination.host, e.destination.provider, e.decision]),
      [
        ['api.openai.com', 'openai', 'blocked'],
        ['api.openai.com', 'openai', 'allowed'],
      ],
    );
  }
});

test('allowedDestinations naming api.openai.com lets api.openai.com. through', async () => {
  const { fake, sink, outflow } = await setupResolvingTo({ allowedDestinations: ['api.openai.com'] });
  const client = new OpenAI({ apiKey: 'sk-fake', baseURL: 'https://API.OPENAI.COM./v1', fetch: outflow.fetch, maxRetries: 0 });
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
  await outflow.flush();
  assert.equal(fake.requests.length, 1);
  assert.equal(sink.events[0]?.decision, 'allowed');
});

test('allowedDestinations: aws-bedrock lets the real runtime through and blocks a look-alike host', async () => {
  const { fake, sink, outflow } = await setupResolvingTo({ allowedDestinations: ['aws-bedrock'] });
  const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hello' }] }] });
  const converse = (host: string) => outflow.fetch(`https://${host}/model/anthropic.claude-3-haiku/converse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await (await converse('bedrock-runtime.us-east-1.amazonaws.com')).text();
  await assert.rejects(converse('x.bedrock-runtime.attacker-exfil.net'), (error: unknown) => error instanceof OutflowBlockedError && error.destination === 'x.bedrock-runtime.attacker-exfil.net');
  await outflow.flush();
  assert.equal(fake.requests.length, 1);
  assert.deepEqual(sink.events.map((e) => [e.destination.provider, e.decision]), [['aws-bedrock', 'allowed'], ['unknown', 'blocked']]);
});

test("an app's own /messages route is not Anthropic: its top-level fields are scanned, not skipped as configuration", async () => {
  const { fake, sink, outflow } = await setupResolvingTo({});
  const body = JSON.stringify({ model: `ticket for ${EMAIL}`, tools: 'deploy key AKIA4QZ7RNXW2MBT6KLP', messages: 'see thread' });
  await (await outflow.fetch('https://helpdesk.example.net/api/threads/42/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  await outflow.flush();
  assert.equal(fake.requests.length, 1);
  const [event] = sink.events;
  assert.deepEqual([event?.destination.provider, event?.destination.api], ['unknown', 'json']);
  assert.deepEqual(event?.findings.map((f) => [f.type, f.field]), [['EMAIL', 'model'], ['AWS_ACCESS_KEY', 'tools']]);
});
