/**
 * Serves the bridge test page (the SDK's real sink, bundled) on an allowed and a not-allowed
 * loopback origin, and opens it in the extension's browser.
 */
import type { Page } from 'playwright';
import type { FlowEvent } from '../../../sdk/src/schema';
import { bundleForPage } from './bundle';
import type { ExtensionBrowser } from './browser';
import { htmlPage, serveStatic, type StaticServer } from './static-server';

export interface BridgePages {
  /** `http://127.0.0.1:<port>`: allowed by the manifest. */
  allowed: StaticServer;
  /** `http://127.0.0.2:<port>`: not allowed (no content script there). */
  foreign: StaticServer;
  close(): Promise<void>;
}

export async function serveBridgePages(): Promise<BridgePages> {
  const script = await bundleForPage(new URL('./bridge-page.ts', import.meta.url).pathname);
  const files = { '/index.html': htmlPage('Bridge test page', script), '/plain.html': htmlPage('Page without the SDK', '') };
  const allowed = await serveStatic({ files, host: '127.0.0.1' });
  const foreign = await serveStatic({ files, host: '127.0.0.2' });
  return {
    allowed,
    foreign,
    close: async () => {
      await allowed.close();
      await foreign.close();
    },
  };
}

/** The page-side sink, as `bridge-page.ts` exposes it. */
interface PageSink {
  connected: boolean;
  pending: number;
  write(events: FlowEvent[]): void;
  flush(): Promise<void>;
}

export async function openBridgePage(browser: ExtensionBrowser, url: string, { waitForReady = true } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  if (waitForReady) await page.waitForFunction(() => (window as unknown as { outflowBridge?: PageSink }).outflowBridge?.connected === true, null, { timeout: 10_000 });
  return page;
}

/** Writes events through the page's sink and waits for its flush (acks, or its timeouts). */
export async function writeAndFlush(page: Page, events: FlowEvent[]): Promise<{ pending: number; connected: boolean }> {
  return page.evaluate(async (batch) => {
    const sink = (window as unknown as { outflowBridge: PageSink }).outflowBridge;
    sink.write(batch);
    await sink.flush();
    return { pending: sink.pending, connected: sink.connected };
  }, events);
}

/** Posts raw data with `window.postMessage` from the page, as a hostile or buggy script could. */
export async function postRaw(page: Page, messages: unknown[]): Promise<void> {
  await page.evaluate((list) => {
    for (const message of list) window.postMessage(message, location.origin);
  }, messages);
}
