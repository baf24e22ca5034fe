/**
 * What a page-level end-to-end test needs: the fake provider on loopback, a page whose script is
 * `entry` bundled (TypeScript, workspace imports) served on 127.0.0.1, Chromium with the built
 * extension, and an extension page to ask the background from.
 */
import type { Page } from 'playwright';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fake-provider/index';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { openExtensionPage } from './background';
import { bundleForPage } from './bundle';
import { htmlPage, serveStatic, type StaticServer } from './static-server';

export interface PageHarness {
  browser: ExtensionBrowser;
  site: StaticServer;
  fake: FakeProvider;
  extensionPage: Page;
  close(): Promise<void>;
}

export async function startPageHarness(entry: URL, title: string): Promise<PageHarness> {
  const fake = await startFakeProvider({ host: '127.0.0.1' });
  const script = await bundleForPage(entry.pathname);
  const site = await serveStatic({ files: { '/index.html': htmlPage(title, script) }, host: '127.0.0.1' });
  const browser = await launchWithExtension();
  const extensionPage = await openExtensionPage(browser);
  return {
    browser,
    site,
    fake,
    extensionPage,
    async close() {
      await browser.close();
      await site.close();
      await fake.close();
    },
  };
}
