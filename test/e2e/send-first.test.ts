/**
 * The wrapped fetch in a real page under the default policy: the call leaves before its scan
 * (which a page runs in a task of its own, after a message), and the event that reaches the
 * extension still carries the scan's findings.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import { startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/index';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { ask, eventually, openExtensionPage } from './helpers/background';
import { bundleForPage } from './helpers/bundle';
import { htmlPage, serveStatic, type StaticServer } from './helpers/static-server';

let browser: ExtensionBrowser;
let site: StaticServer;
let fake: FakeProvider;
let extensionPage: Page;

before(async () => {
  fake = await startFakeProvider({ host: '127.0.0.1' });
  const script = await bundleForPage(new URL('./helpers/fetch-page.ts', import.meta.url).pathname);
  site = await serveStatic({ files: { '/index.html': htmlPage('Send-first test page', script) }, host: '127.0.0.1' });
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await fake?.close();
});

test('a log-only call from a page: sent first, its findings in the event the extension stores', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/`);
  const result = await page.evaluate(
    ([url, content]) => (window as unknown as { outflowSendFirst: (u: string, c: string) => Promise<{ usage: boolean; stats: { events: number; errors: number } }> }).outflowSendFirst(url!, content!),
    [`${fake.url}/v1/chat/completions`, 'Please reply to jane.doe@acme-corp.com about the refund.'],
  );
  assert.equal(result.usage, true);
  assert.equal(result.stats.events, 1);
  assert.equal(result.stats.errors, 0);
  assert.equal(fake.requests.length, 1);
  const detail = await eventually(
    () => ask(extensionPage, { type: 'dashboard.session', key: `${site.origin} send-first` }),
    (value) => value !== null && value !== undefined && value.events.length > 0,
  );
  assert.ok(detail);
  assert.equal(detail.events.length, 1);
  assert.equal(detail.events[0]?.decision, 'allowed');
  assert.deepEqual(detail.session.findingsByType, { EMAIL: 1 });
  await page.close();
});
