/**
 * Budgets in a real page (real Chromium, the built extension, the real `openai` client against
 * the fake provider): the counters live in Web Storage, so a reload does not reset them — the
 * tab's third call, made after a reload, is refused before it leaves, with one event the
 * extension stores (decision `blocked`, `error.kind: 'budget'`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import { ask, eventually } from './helpers/background';
import { startPageHarness, type PageHarness } from './helpers/page-harness';

let harness: PageHarness;

before(async () => {
  harness = await startPageHarness(new URL('./helpers/budget-page.ts', import.meta.url), 'Budget test page');
});

after(async () => {
  await harness?.close();
});

interface Outcome {
  ok: boolean;
  name?: string;
  budgetId?: string;
  retryAfter?: number;
  eventId?: string;
  cause?: boolean;
}

const callFrom = (page: Page): Promise<Outcome> => page.evaluate((url) => (window as unknown as { outflowAsk: (u: string) => Promise<Outcome> }).outflowAsk(url), `${harness.fake.url}/v1`);
const sessionOf = (page: Page): Promise<string> => page.evaluate(() => (window as unknown as { outflowSession: string }).outflowSession);

test('a per-tab budget holds across a page reload: the third call is refused before it leaves, one event per call', async () => {
  const page = await harness.browser.context.newPage();
  await page.goto(`${harness.site.origin}/`);
  const sessionId = await sessionOf(page);
  assert.deepEqual(await callFrom(page), { ok: true });
  assert.deepEqual(await callFrom(page), { ok: true });
  // The extension acknowledges an event once it is stored: nothing of the first two calls is lost to the reload.
  assert.equal(await page.evaluate(() => (window as unknown as { outflowPending: () => number }).outflowPending()), 0);

  await page.reload();
  assert.equal(await sessionOf(page), sessionId, 'the tab keeps its session across the reload');
  const refused = await callFrom(page);
  assert.equal(refused.ok, false);
  assert.equal(refused.cause, true, `refused by a budget: ${refused.name}`);
  assert.equal(refused.name, 'OutflowBudgetError');
  assert.equal(refused.budgetId, 'per-tab');
  assert.ok(refused.retryAfter! > 3500 && refused.retryAfter! <= 3660, `retry after ${refused.retryAfter} s`);
  assert.equal(harness.fake.requests.length, 2, 'nothing of the refused call left, nor of the client\'s retry');

  // A new tab is a new session with two calls of its own, while the app's log budget (3 a day) counts both tabs.
  const other = await harness.browser.context.newPage();
  await other.goto(`${harness.site.origin}/`);
  assert.notEqual(await sessionOf(other), sessionId);
  assert.deepEqual(await callFrom(other), { ok: true });
  assert.deepEqual(await callFrom(other), { ok: true });

  const stored = await eventually(
    () => ask(harness.extensionPage, { type: 'dashboard.session', key: `${harness.site.origin} ${sessionId}` }),
    (detail) => (detail?.events.length ?? 0) >= 3,
  );
  const events = [...stored!.events].sort((a, b) => a.seq - b.seq);
  assert.equal(events.length, 3);
  assert.deepEqual(events.map((e) => e.decision), ['allowed', 'allowed', 'blocked']);
  assert.equal(events[2]?.error?.kind, 'budget');
  assert.equal(events[2]?.id, refused.eventId);
  assert.deepEqual(events[2]?.budgets, [{ id: 'per-tab', action: 'block', exceeded: 'calls' }]);
  assert.equal(stored!.session.decisions.blocked, 1);
  assert.equal(stored!.session.errors, 0, 'a budget refusal is policy working, not an error');

  const otherId = await sessionOf(other);
  const otherSession = await eventually(
    () => ask(harness.extensionPage, { type: 'dashboard.session', key: `${harness.site.origin} ${otherId}` }),
    (detail) => (detail?.events.length ?? 0) >= 2,
  );
  // The app's fourth call that left (the refused one never counted) goes over the log budget: marked, not refused.
  const marked = [...otherSession!.events].sort((a, b) => a.seq - b.seq).map((e) => [e.decision, e.budgets?.map((b) => `${b.id}:${b.action}`) ?? []]);
  assert.deepEqual(marked, [['allowed', []], ['allowed', ['per-app:log']]]);
  await page.close();
  await other.close();
});
