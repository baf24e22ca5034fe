/**
 * Budgets through the real `openai` client against the fake provider, on a clock the test
 * drives: a `block` budget refuses the call that would go over, at the exact boundary, before
 * any byte leaves, with one event and an `OutflowBudgetError` that says when to retry; a `log`
 * budget marks events; counters kept in Web Storage carry over to the next page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createOutflow, estimateTokens, memorySink, webStorageBudgetStore, type KeyValueStorage } from '../../../sdk/src/index';
import { OutflowBudgetError, OutflowConfigError } from '../../../sdk/src/errors';
import { FlowEventSchema, type PolicyInput } from '../../../sdk/src/schema';
import { setup } from '../intercept/helpers';

const START = Date.parse('2026-12-01T09:00:00Z');

async function budgetSetup(policy: PolicyInput, maxRetries = 2) {
  let now = START;
  const ctx = await setup({ policy, clock: () => now });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${ctx.fake.url}/v1`, fetch: ctx.outflow.fetch, maxRetries });
  const ask = (content = 'What is our refund policy for annual plans?') => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
  return { ...ctx, ask, advance: (ms: number) => (now += ms) };
}

/** The OutflowBudgetError inside what the openai client throws. */
async function refusedBy(call: Promise<unknown>): Promise<OutflowBudgetError> {
  const error = await call.then(
    () => assert.fail('the call went through'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OpenAI.APIConnectionError, 'the client wraps what its fetch throws');
  assert.ok(error.cause instanceof OutflowBudgetError);
  return error.cause;
}

test('a block budget of 3 calls a minute: the 4th is refused before it leaves, until the window frees a call', async () => {
  const { ask, advance, fake, sink, outflow } = await budgetSetup({ budgets: [{ id: 'per-minute', scope: 'app', window: '1m', maxCalls: 3, action: 'block' }] });
  for (let i = 0; i < 3; i++) await ask();
  const refused = await refusedBy(ask());
  assert.equal(refused.budgetId, 'per-minute');
  assert.deepEqual(refused.budget, { id: 'per-minute', scope: 'app', window: '1m' });
  assert.equal(refused.scope, 'app');
  assert.equal(refused.window, '1m');
  assert.equal(refused.exceeded, 'calls');
  // All three calls sit in the clock's first one-second bucket, which leaves the window a whole minute after it ends.
  assert.equal(refused.retryAfterMs, 61_000);
  assert.equal(refused.retryAfter, 61);
  assert.match(refused.message, /budget per-minute \(calls per app, 1m\) is used up; retry after 61 s/);
  assert.equal(fake.requests.length, 3, 'nothing of the 4th call left');

  advance(refused.retryAfterMs - 1);
  await refusedBy(ask());
  advance(1);
  await ask();
  assert.equal(fake.requests.length, 4);

  await outflow.flush();
  // One event per call: the client's two retries of each refused call are refused under its event.
  assert.equal(sink.events.length, 6);
  for (const event of sink.events) FlowEventSchema.parse(event);
  assert.deepEqual(sink.events.map((e) => e.decision), ['allowed', 'allowed', 'allowed', 'blocked', 'blocked', 'allowed']);
  const blocked = sink.events[3]!;
  assert.equal(blocked.id, refused.eventId);
  assert.equal(blocked.error?.kind, 'budget');
  assert.equal(blocked.request.bytes, 0);
  assert.deepEqual(blocked.budgets, [{ id: 'per-minute', action: 'block', exceeded: 'calls' }]);
  assert.equal(sink.events[0]!.budgets, undefined);
  assert.equal(outflow.stats().blocked, 2);
});

test('a log budget marks the calls over it and lets them go', async () => {
  const { ask, fake, sink, outflow } = await budgetSetup({ budgets: [{ id: 'soft', scope: 'session', window: '1h', maxCalls: 2, action: 'log' }] });
  for (let i = 0; i < 4; i++) await ask();
  await outflow.flush();
  assert.equal(fake.requests.length, 4);
  assert.deepEqual(sink.events.map((e) => e.budgets), [undefined, undefined, [{ id: 'soft', action: 'log', exceeded: 'calls' }], [{ id: 'soft', action: 'log', exceeded: 'calls' }]]);
  assert.deepEqual(sink.events.map((e) => e.decision), ['allowed', 'allowed', 'allowed', 'allowed']);
});

test('tokens are counted as the provider reports them; the next call is judged on its estimated input', async () => {
  const { ask, sink, outflow } = await budgetSetup({ budgets: [{ id: 'tokens', scope: 'provider', window: '1d', maxTokens: 100, action: 'block' }] });
  let refused: OutflowBudgetError | undefined;
  const content = 'Please draft a short, friendly reminder about the team lunch on Friday.';
  for (let i = 0; i < 20 && refused === undefined; i++) {
    try {
      await ask(content);
    } catch (error) {
      refused = (error as { cause?: unknown }).cause as OutflowBudgetError;
    }
  }
  await outflow.flush();
  assert.ok(refused instanceof OutflowBudgetError);
  assert.equal(refused.exceeded, 'tokens');
  const reportedOf = (events: typeof sink.events) => events.reduce((sum, e) => sum + (e.response?.tokensIn ?? 0) + (e.response?.tokensOut ?? 0), 0);
  const allowed = sink.events.filter((e) => e.decision === 'allowed');
  const estimate = estimateTokens(content);
  // The last call was let through on what was reported before it plus its estimated input; its output may end above the limit.
  assert.ok(reportedOf(allowed.slice(0, -1)) + estimate <= 100);
  assert.ok(reportedOf(allowed) + estimate > 100, 'refused once the next call would go over');
});

test('a bytes budget per provider counts the request bytes as they leave', async () => {
  const { ask, sink, outflow } = await budgetSetup({ budgets: [{ id: 'bytes', scope: 'provider', window: '1h', maxBytes: 150, action: 'block' }] }, 0);
  await ask('short');
  await ask('short');
  await refusedBy(ask('short'));
  await outflow.flush();
  const sent = sink.events.filter((e) => e.decision === 'allowed').reduce((sum, e) => sum + e.request.bytes, 0);
  assert.ok(sent <= 150 && sent + sink.events[0]!.request.bytes > 150, `sent ${sent}`);
});

test('counters kept in Web Storage carry over to the next page of the same tab: a reload does not reset a budget', async () => {
  const { fake } = await setup();
  const values = new Map<string, string>();
  const sessionStorage: KeyValueStorage = { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
  const policy: PolicyInput = { budgets: [{ id: 'tab', scope: 'session', window: '1h', maxCalls: 3, action: 'block' }] };
  const page = (now: number) => {
    const sink = memorySink();
    const outflow = createOutflow({ app: 'reloading-app', sessionId: 'tab-1', policy, sinks: [sink], clock: () => now, budgetStore: webStorageBudgetStore(sessionStorage) });
    return { sink, outflow, openai: new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 }) };
  };
  const ask = (openai: OpenAI) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
  const first = page(START);
  await ask(first.openai);
  await ask(first.openai);
  await first.outflow.close();
  assert.ok([...values.keys()].every((key) => key.startsWith('outflow:budget:')));
  assert.doesNotMatch([...values.values()].join(), /Hello/, 'counters, never content');

  const second = page(START + 10_000);
  await ask(second.openai);
  const refused = await refusedBy(ask(second.openai));
  assert.equal(refused.budgetId, 'tab');
  await second.outflow.close();
  assert.equal(fake.requests.length, 3);
  assert.deepEqual(second.sink.events.map((e) => [e.decision, e.error?.kind]), [['allowed', undefined], ['blocked', 'budget']]);
});

test('a budget without a limit, or two with one id, is refused with a clear error', () => {
  assert.throws(() => createOutflow({ app: 'x', policy: { budgets: [{ id: 'none', scope: 'app', window: '1m', action: 'block' }] } }), (e: unknown) => e instanceof OutflowConfigError && /at least one of maxCalls, maxTokens, maxBytes/.test(e.message));
  const twice = { id: 'a', scope: 'app', window: '1m', maxCalls: 1, action: 'log' } as const;
  assert.throws(() => createOutflow({ app: 'x', policy: { budgets: [twice, twice] } }), (e: unknown) => e instanceof OutflowConfigError && /budget ids must be unique/.test(e.message));
});

test('Web Storage that refuses, or holds a counter that does not parse, never breaks a call: counting goes on in memory', async () => {
  const { fake } = await setup();
  const values = new Map<string, string>([['outflow:budget:one:app:flaky-storage', '{not json']]);
  let full = false;
  const storage: KeyValueStorage = {
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      values.set(k, v);
    },
  };
  const errors: unknown[] = [];
  const outflow = createOutflow({ app: 'flaky-storage', sinks: [memorySink()], onError: (e) => errors.push(e), budgetStore: webStorageBudgetStore(storage), policy: { budgets: [{ id: 'one', scope: 'app', window: '1h', maxCalls: 2, action: 'block' }] } });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  const ask = () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
  await ask();
  full = true;
  await ask();
  await refusedBy(ask());
  await outflow.close();
  assert.deepEqual(errors, []);
  assert.equal(fake.requests.length, 2);
});

test('in Node, counters are per process: two instances with one provider budget count together', async () => {
  const { fake } = await setup();
  const policy: PolicyInput = { budgets: [{ id: 'shared-provider-budget', scope: 'provider', window: '1h', maxCalls: 2, action: 'block' }] };
  const clients = ['billing', 'support'].map((app) => {
    const outflow = createOutflow({ app, policy, sinks: [memorySink()] });
    return { outflow, openai: new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 }) };
  });
  const ask = (openai: OpenAI) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
  await ask(clients[0]!.openai);
  await ask(clients[1]!.openai);
  const refused = await refusedBy(ask(clients[0]!.openai));
  assert.equal(refused.scope, 'provider');
  for (const { outflow } of clients) await outflow.close();
  assert.equal(fake.requests.length, 2);
});
