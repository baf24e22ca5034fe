/**
 * The popup and the dashboard, in Chromium with the built extension, fed by the demo app through
 * the real SDK → bridge → background path. Asserts the exact numbers people see, then export →
 * delete all → re-import, and that tampered or foreign files are refused with a visible message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { openDemoApp, runAction, runScriptedSession, tabIdOf, waitForTabCalls, SCRIPTED_ACTIONS } from '../../examples/internal-app/drive';
import { serveDemoApp, type DemoAppServer } from '../../examples/internal-app/serve';
import { startFakeProvider } from '../fixtures/fake-provider/index';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';

const OUTPUT = resolve(import.meta.dirname, '../../test-output');

/** What the scripted session must produce (see `examples/internal-app/src/assistant.ts` and the demo's policy). */
const EXPECTED = {
  calls: 5,
  findings: { EMAIL: 1, PHONE: 1, AWS_ACCESS_KEY: 1, CREDIT_CARD: 1 } as Record<string, number>,
  decisions: { allowed: 3, redacted: 1, blocked: 1 },
  /** Popup's last calls, newest first. */
  lastCallDecisions: ['allowed', 'blocked', 'redacted', 'allowed', 'allowed'],
};

let provider: Awaited<ReturnType<typeof startFakeProvider>>;
let app: DemoAppServer;
let browser: ExtensionBrowser;
let appPage: Page;
let tabId: number;

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/** Finding counts as the page shows them, by type. */
async function findingCounts(scope: Page): Promise<Record<string, number>> {
  const rows = scope.getByTestId('findings-table').locator('tbody tr');
  const counts: Record<string, number> = {};
  for (const row of await rows.all()) {
    const type = (await row.getAttribute('data-type')) ?? '';
    counts[type] = Number(await row.getByTestId(`finding-count-${type}`).textContent());
  }
  return counts;
}

async function openDashboard(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(browser.extensionUrl('src/ui/dashboard/index.html'));
  await page.getByTestId('sessions-total').waitFor();
  return page;
}

/** The session table's rows as text, in order: what "the same sessions" means to a reviewer. */
async function sessionRows(page: Page): Promise<string[]> {
  await page.getByTestId('session-row').first().waitFor();
  return page.getByTestId('session-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText));
}

before(async () => {
  await mkdir(OUTPUT, { recursive: true });
  provider = await startFakeProvider({ host: '127.0.0.1' });
  app = await serveDemoApp({ providerUrl: provider.url });
  browser = await launchWithExtension();
  appPage = await openDemoApp(browser.context, app.url);
  tabId = await tabIdOf(browser.serviceWorker, appPage);
});

after(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

describe('popup and dashboard after a scripted session', () => {
  test('the demo page shows each call’s outcome, the blocked one with the policy’s reason', async () => {
    const results = await runScriptedSession(appPage);
    assert.deepEqual(
      results.map((r) => r.status),
      ['ok', 'ok', 'ok', 'blocked', 'ok'],
    );
    assert.equal(results.find((r) => r.action === 'refund')?.text, 'Blocked by policy: CREDIT_CARD');
    // The blocked request never reached the provider.
    assert.equal(provider.requests.length, SCRIPTED_ACTIONS.length - 1);
  });

  test('the popup shows the exact calls, findings and decisions of the tab’s session', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
    await waitForTabCalls(popup, tabId, EXPECTED.calls);
    await popup.reload();
    await popup.getByTestId('popup-session').waitFor();

    assert.equal(await text(popup, 'app-name'), 'support-assistant');
    assert.equal(await text(popup, 'origin'), app.url);
    assert.equal(await text(popup, 'stat-calls'), String(EXPECTED.calls));
    assert.equal(await text(popup, 'stat-findings'), '4');
    assert.equal(await text(popup, 'stat-redacted'), String(EXPECTED.decisions.redacted));
    assert.equal(await text(popup, 'stat-blocked'), String(EXPECTED.decisions.blocked));
    assert.deepEqual(await findingCounts(popup), EXPECTED.findings);
    // Masked samples only: the raw values from the ticket never appear.
    const body = await popup.locator('body').innerText();
    for (const raw of ['maria.jensen@nordlys-freight.com', 'AKIAQ3EGRJ5WZ7KXV4NM', '4539 1488 0343 6467']) assert.ok(!body.includes(raw), `raw value shown: ${raw}`);
    assert.deepEqual(await popup.getByTestId('call').evaluateAll((items) => items.map((i) => i.getAttribute('data-decision'))), EXPECTED.lastCallDecisions);
    assert.equal(await popup.getByRole('link', { name: 'Open dashboard' }).count(), 1);
    await popup.screenshot({ path: resolve(OUTPUT, 'popup.png'), fullPage: true });
    await popup.close();
  });

  test('the popup of a tab without data explains how to get some', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('src/ui/popup/index.html?tabId=999999'));
    await popup.getByTestId('popup-empty').waitFor();
    assert.match(await popup.getByTestId('popup-empty').innerText(), /embeds the Outflow SDK[\s\S]*allowed/);
    await popup.screenshot({ path: resolve(OUTPUT, 'popup-empty.png'), fullPage: true });
    await popup.close();
  });

  test('the dashboard lists the session and shows its timeline with each call’s findings', async () => {
    const dashboard = await openDashboard();
    assert.equal(await text(dashboard, 'sessions-total'), '1');
    const row = dashboard.getByTestId('session-row');
    assert.equal(await text(dashboard, 'row-calls'), String(EXPECTED.calls));
    assert.equal(await text(dashboard, 'row-redacted'), '1');
    assert.equal(await text(dashboard, 'row-blocked'), '1');
    await row.getByRole('button', { name: /Show session/ }).click();
    const detail = dashboard.getByTestId('session-detail');
    await detail.waitFor();
    assert.equal(await text(dashboard, 'detail-calls'), String(EXPECTED.calls));
    assert.deepEqual(await findingCounts(dashboard), EXPECTED.findings);
    const timeline = detail.getByTestId('timeline-call');
    assert.deepEqual(
      await timeline.evaluateAll((items) => items.map((i) => i.getAttribute('data-decision'))),
      [...EXPECTED.lastCallDecisions].reverse(),
    );
    const blocked = timeline.filter({ has: dashboard.locator('[data-type="CREDIT_CARD"]') });
    assert.equal(await blocked.getAttribute('data-decision'), 'blocked');
    assert.equal(await dashboard.getByRole('img', { name: /^Findings by type:/ }).count(), 1);
    await dashboard.screenshot({ path: resolve(OUTPUT, 'dashboard.png'), fullPage: true });
    await dashboard.close();
  });

  test('filters narrow the session list by decision, data type and app', async () => {
    // A second tab is a second session: one clean call only.
    const secondTab = await openDemoApp(browser.context, `${app.url}/?tab=2`);
    await runAction(secondTab, 'tone');
    const dashboard = await openDashboard();
    await waitForTabCalls(dashboard, await tabIdOf(browser.serviceWorker, secondTab), 1);
    await dashboard.reload();
    await dashboard.getByTestId('sessions-total').waitFor();
    assert.equal(await text(dashboard, 'sessions-total'), '2');
    await dashboard.getByLabel('Decision').selectOption('blocked');
    await dashboard.waitForFunction(() => document.querySelector('[data-testid="sessions-total"]')?.textContent?.trim() === '1');
    await dashboard.getByLabel('Decision').selectOption('');
    await dashboard.getByLabel('Data type').selectOption('EMAIL');
    await dashboard.waitForFunction(() => document.querySelector('[data-testid="sessions-total"]')?.textContent?.trim() === '1');
    assert.equal(await text(dashboard, 'row-calls'), String(EXPECTED.calls));
    await dashboard.getByRole('button', { name: 'Clear filters' }).click();
    await dashboard.waitForFunction(() => document.querySelector('[data-testid="sessions-total"]')?.textContent?.trim() === '2');
    await secondTab.close();
    await dashboard.close();
  });
});

describe('export, delete, import', () => {
  let exported: string;

  test('JSON and CSV exports hold every call, without raw values', async () => {
    const dashboard = await openDashboard();
    const [jsonDownload] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export JSON' }).click()]);
    exported = await readFile((await jsonDownload.path())!, 'utf8');
    const [csvDownload] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = (await readFile((await csvDownload.path())!, 'utf8')).trimEnd().split('\r\n');
    assert.equal(csv[0], 'time,session,app,origin,provider,model,bytes,decision,findings');
    assert.equal(csv.length, 1 + EXPECTED.calls + 1);
    assert.equal(csv.filter((line) => line.endsWith(',blocked,CREDIT_CARD×1')).length, 1);
    assert.equal(csv.filter((line) => line.includes(',redacted,AWS_ACCESS_KEY×1')).length, 1);
    for (const raw of ['maria.jensen@nordlys-freight.com', 'AKIAQ3EGRJ5WZ7KXV4NM']) {
      assert.ok(!exported.includes(raw) && !csv.join('\n').includes(raw));
    }
    await dashboard.close();
  });

  test('delete all, then re-import the export: the same sessions come back', async () => {
    const dashboard = await openDashboard();
    const before = await sessionRows(dashboard);
    await dashboard.getByRole('button', { name: 'Delete all data…' }).click();
    const dialog = dashboard.getByRole('dialog', { name: 'Delete all Outflow data?' });
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await dashboard.getByTestId('sessions-empty').waitFor();
    assert.equal(await text(dashboard, 'sessions-total'), '0');

    await dashboard.getByTestId('import-file').setInputFiles({ name: 'outflow-export.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    assert.match(await text(dashboard, 'data-result'), /^Imported 2 sessions and 6 calls/);
    assert.deepEqual(await sessionRows(dashboard), before);
    await writeFile(resolve(OUTPUT, 'export.json'), exported);
    await dashboard.close();
  });

  test('a tampered export, a foreign JSON file and a non-JSON file are rejected with the message shown', async () => {
    const dashboard = await openDashboard();
    const rowsBefore = await sessionRows(dashboard);
    const importing = async (name: string, content: string) => {
      await dashboard.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
      // Each message names its file, so an earlier rejection's message is not mistaken for this one.
      const error = dashboard.getByTestId('data-error').filter({ hasText: `${name} was not imported: ` });
      await error.waitFor();
      assert.equal(await error.getAttribute('role'), 'alert');
      return ((await error.textContent()) ?? '').slice(`${name} was not imported: `.length);
    };
    const doc = JSON.parse(exported) as { events: { request: { bytes: number } }[]; sessions?: { calls: number }[] };

    const changedEvent = structuredClone(doc);
    changedEvent.events[0]!.request.bytes += 1;
    assert.ok((await importing('event-changed.json', JSON.stringify(changedEvent))).length > 10);

    if (doc.sessions?.[0]) {
      const changedCount = structuredClone(doc);
      changedCount.sessions![0]!.calls += 1;
      assert.ok((await importing('count-changed.json', JSON.stringify(changedCount))).length > 10);
    }

    assert.ok((await importing('package.json', JSON.stringify({ name: 'not-an-export', version: '1.0.0' }))).length > 10);
    assert.match(await importing('notes.json', 'this is not json'), /^it is not JSON/);
    await dashboard.screenshot({ path: resolve(OUTPUT, 'dashboard-import-error.png') });
    assert.deepEqual(await sessionRows(dashboard), rowsBefore);
    await dashboard.close();
  });
});
