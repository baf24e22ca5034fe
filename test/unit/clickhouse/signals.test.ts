/**
 * Budgets and usage signals in the organisation store, against a real ClickHouse server
 * (Debian's 18.16): a table made before their columns existed is given them by `init`, events
 * keep theirs, and the `signals` and `budgets` saved queries read them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createOutflow, memorySink } from '../../../sdk/src/index';
import { openEventStore, SAVED_QUERIES, savedQuerySql } from '../../../sdk/src/node';
import { eventRow } from '../../../sdk/src/clickhouse/row';
import { ADDED_COLUMNS, createTableSql } from '../../../sdk/src/clickhouse/table';
import { startClickHouse, type ClickHouseServer } from '../../fixtures/clickhouse/server';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fake-provider/index';
import { templatedSession } from '../../fixtures/prompts/index';

let server: ClickHouseServer;
let fake: FakeProvider;

before(async () => {
  [server, fake] = await Promise.all([startClickHouse(), startFakeProvider()]);
});
after(async () => {
  await Promise.all([server?.stop(), fake?.close()]);
});

test('init adds the budget and signal columns to an older table; the saved queries read them', async () => {
  const table = 'outflow_events_v1';
  // The table as the first release made it: without the columns added since.
  const oldSql = createTableSql(table)
    .split('\n')
    .filter((line) => !ADDED_COLUMNS.some(([name]) => line.includes(`\`${name}\``)))
    .join('\n')
    .replace("LoadedAt DateTime('UTC'),", "LoadedAt DateTime('UTC')");
  const created = await fetch(`${server.url}/`, { method: 'POST', body: oldSql });
  assert.equal(created.status, 200, await created.text());

  let now = Date.parse('2026-12-01T09:00:00Z');
  const sink = memorySink();
  const outflow = createOutflow({
    app: 'catalogue-writer',
    clock: () => now,
    sinks: [sink],
    providers: { '127.0.0.1': 'openai' },
    policy: {
      budgets: [{ id: 'hourly', scope: 'app', window: '1h', maxCalls: 10, action: 'block' }],
      signals: { templated: { minCalls: 5 } },
    },
  });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  for (const prompt of templatedSession(4, 12, 60_000)) {
    now += prompt.gapMs;
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] }).catch(() => undefined);
  }
  await outflow.close();
  assert.deepEqual(sink.events.map((e) => e.decision).slice(9), ['allowed', 'blocked', 'blocked']);

  const store = openEventStore({ url: server.url, table });
  try {
    await store.init();
    await store.init();
    await store.insert(sink.events.map((event) => eventRow(event, now)));
    const run = (name: string) => store.query<Record<string, unknown>>(savedQuerySql(SAVED_QUERIES.find((q) => q.name === name)!, table, 3650));
    const signals = await run('signals');
    const templated = sink.events.filter((e) => e.signals?.some((s) => s.kind === 'templated'));
    assert.ok(templated.length >= 5);
    assert.deepEqual(
      signals.map((row) => [row.app, row.provider, row.kind, Number(row.calls), Number(row.blocked)]),
      [['catalogue-writer', 'openai', 'templated', templated.length, 2]],
    );
    const budgets = await run('budgets');
    assert.deepEqual(
      budgets.map((row) => [row.app, row.budget, row.exceeded, Number(row.marked), Number(row.refused)]),
      [['catalogue-writer', 'hourly', 'calls', 0, 2]],
    );
  } finally {
    await store.close();
  }
});
