/**
 * The wrapped fetch in a real page under the default policy: the call leaves before its scan
 * (which a page runs in a task of its own, after a message), and the event that reaches the
 * extension still carries the scan's findings.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, eventually } from './helpers/background';
import { startPageHarness, type PageHarness } from './helpers/page-harness';

let harness: PageHarness;

before(async () => {
  harness = await startPageHarness(new URL('./helpers/fetch-page.ts', import.meta.url), 'Send-first test page');
});

after(async () => {
  await harness?.close();
});

test('a log-only call from a page: sent first, its findings in the event the extension stores', async () => {
  const page = await harness.browser.context.newPage();
  await page.goto(`${harness.site.origin}/`);
  const result = await page.evaluate(
    ([url, content]) => (window as unknown as { outflowSendFirst: (u: string, c: string) => Promise<{ usage: boolean; stats: { events: number; errors: number } }> }).outflowSendFirst(url!, content!),
    [`${harness.fake.url}/v1/chat/completions`, 'Please reply to jane.doe@acme-corp.com about the refund.'],
  );
  assert.equal(result.usage, true);
  assert.equal(result.stats.events, 1);
  assert.equal(result.stats.errors, 0);
  assert.equal(harness.fake.requests.length, 1);
  const detail = await eventually(
    () => ask(harness.extensionPage, { type: 'dashboard.session', key: `${harness.site.origin} send-first` }),
    (value) => value !== null && value !== undefined && value.events.length > 0,
  );
  assert.ok(detail);
  assert.equal(detail.events.length, 1);
  assert.equal(detail.events[0]?.decision, 'allowed');
  assert.deepEqual(detail.session.findingsByType, { EMAIL: 1 });
  await page.close();
});
