/** `outflow report` on a log written by a session with budgets and signals: what was raised, what was refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createOutflow } from '../../../sdk/src/index';
import { jsonlSink } from '../../../sdk/src/node';
import { startFakeProvider } from '../../fixtures/fake-provider/index';
import { templatedSession } from '../../fixtures/prompts/index';
import { runCli, tempDir } from './helpers';

const tmp = tempDir();

test('report: signals raised per session with their calls and highest score, budgets with calls refused and marked', async () => {
  const fake = await startFakeProvider();
  const path = join(tmp.dir, 'usage.jsonl');
  let now = Date.parse('2026-12-01T09:00:00Z');
  const outflow = createOutflow({
    app: 'catalogue-writer',
    sessionId: 'batch-1',
    clock: () => now,
    sinks: [jsonlSink(path)],
    policy: {
      budgets: [
        { id: 'hourly', scope: 'app', window: '1h', maxCalls: 10, action: 'block' },
        { id: 'soft', scope: 'session', window: '1h', maxCalls: 8, action: 'log' },
      ],
      signals: { templated: { minCalls: 5 } },
    },
  });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  for (const prompt of templatedSession(8, 12, 60_000)) {
    now += prompt.gapMs;
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] }).catch(() => undefined);
  }
  await outflow.close();
  await fake.close();

  const json = await runCli(['report', '--format', 'json', path]);
  assert.equal(json.code, 0, json.stderr);
  const [session] = (JSON.parse(json.stdout) as { sessions: { signals: Record<string, { calls: number; maxScore: number }>; budgets: Record<string, unknown>; blocked: number; errors: number }[] }).sessions;
  // Calls 9–12 go over the soft budget (the refused ones are marked by it too); 11 and 12 are refused by the hourly one.
  assert.deepEqual(session?.budgets, { hourly: { marked: 0, refused: 2 }, soft: { marked: 4, refused: 0 } });
  assert.deepEqual(Object.keys(session?.signals ?? {}), ['templated']);
  assert.ok(session!.signals.templated!.calls >= 6);
  assert.deepEqual([session?.blocked, session?.errors], [2, 0]);
  const text = await runCli(['report', path]);
  assert.match(text.stdout, /^ {2}signals {7}templated on \d+ calls \(max [\d.]+\)$/m);
  assert.match(text.stdout, /^ {2}budgets {7}hourly: 2 refused, 0 marked; soft: 0 refused, 4 marked$/m);
});
