/**
 * Usage signals where people see them, in real Chromium with the built extension: the page's
 * `onSignal` hears a `warn` signal once, the popup has one line for it on the tab, and the
 * dashboard's signals panel has a row for the app × provider.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tabIdOf, waitForTabCalls } from '../../examples/internal-app/drive';
import { startPageHarness, type PageHarness } from './helpers/page-harness';

let harness: PageHarness;

before(async () => {
  harness = await startPageHarness(new URL('./helpers/signals-page.ts', import.meta.url), 'Signals test page');
});

after(async () => {
  await harness?.close();
});

test('a templated run: the app hears the warn signal once, the popup shows one line, the dashboard a timeline row', async () => {
  const page = await harness.browser.context.newPage();
  await page.goto(`${harness.site.origin}/`);
  const heard = await page.evaluate((url) => (window as unknown as { outflowTemplated: (u: string, n: number) => Promise<string[]> }).outflowTemplated(url, 8), `${harness.fake.url}/v1`);
  assert.equal(heard.length, 1);
  assert.match(heard[0]!, /of the 5 prompts in the last hour are one template with its slots varied/);

  const tabId = await tabIdOf(harness.browser.serviceWorker, page);
  const summary = await waitForTabCalls(harness.extensionPage, tabId, 8);
  assert.deepEqual(Object.values(summary.session.activeSignals ?? {}).flat().map((s) => [s.kind, s.action]), [['templated', 'warn']]);

  const popup = await harness.browser.context.newPage();
  await popup.goto(harness.browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
  await popup.getByTestId('popup-session').waitFor();
  const lines = popup.getByTestId('signal-line');
  assert.equal(await lines.count(), 1);
  assert.equal(await lines.first().getAttribute('data-kind'), 'templated');
  assert.equal(await lines.first().getAttribute('data-action'), 'warn');
  assert.match(await lines.first().innerText(), /^Templated prompts \(openai-compatible, score 0\.75\): 75% of the 8 prompts in the last hour are one template/);

  const dashboard = await harness.browser.context.newPage();
  await dashboard.setViewportSize({ width: 1400, height: 900 });
  await dashboard.goto(harness.browser.extensionUrl('src/ui/dashboard/index.html'));
  const row = dashboard.getByTestId('signal-row');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await row.first().getAttribute('data-app'), 'signals-e2e');
  assert.equal(await row.first().getAttribute('data-provider'), 'openai-compatible');
  assert.deepEqual(await row.first().locator('rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-kind'))), ['templated']);
  await Promise.all([page.close(), popup.close(), dashboard.close()]);
});
