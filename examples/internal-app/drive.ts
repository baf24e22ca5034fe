/**
 * Drives the demo app in Chromium with the extension loaded: the scripted session that
 * `npm run demo` shows and the end-to-end tests assert on. Reads results the way a person
 * would (the page's result list, the popup) plus the popup's own query for exact numbers.
 */
import type { BrowserContext, Page, Worker } from 'playwright';
import type { TabSummary } from '../../extension/src/messages';

/** The few `chrome.*` calls made inside extension contexts (the project has no @types/chrome). */
interface ChromeApi {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** The scripted session: a clean call, personal data, a secret policy redacts, a card policy blocks, a clean Anthropic call. */
export const SCRIPTED_ACTIONS = ['tone', 'summarise', 'debug', 'refund', 'draft'] as const;
export type ActionId = (typeof SCRIPTED_ACTIONS)[number];

export interface ActionResult {
  action: ActionId;
  status: 'ok' | 'blocked' | 'error';
  text: string;
}

/** Opens the app and waits until the SDK is running. */
export async function openDemoApp(context: BrowserContext, appUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('status').filter({ hasText: 'Outflow SDK: active' }).waitFor({ timeout: 15_000 });
  return page;
}

/** Clicks one action's button and returns what the page showed for it. */
export async function runAction(page: Page, action: ActionId): Promise<ActionResult> {
  const results = page.locator(`#results li[data-action="${action}"]`);
  const before = await results.count();
  await page.locator(`button[data-action="${action}"]`).click();
  await results.nth(0).waitFor();
  await page.waitForFunction(
    ([selector, count]) => document.querySelectorAll(selector).length > count,
    [`#results li[data-action="${action}"]`, before] as const,
    { timeout: 15_000 },
  );
  // Results are prepended: the newest is first.
  const newest = results.first();
  return {
    action,
    status: (await newest.getAttribute('data-status')) as ActionResult['status'],
    text: (await newest.locator('.answer').textContent()) ?? '',
  };
}

export async function runScriptedSession(page: Page): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const action of SCRIPTED_ACTIONS) results.push(await runAction(page, action));
  return results;
}

/** The browser tab id of a page, as the extension sees it (the popup takes it as `?tabId=`). */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await serviceWorker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === pageUrl)?.id;
  }, url);
  if (id === undefined) throw new Error(`The extension sees no tab at ${url}.`);
  return id;
}

/**
 * Asks the background for a tab's summary from an extension page, until it reports `calls`
 * calls: events reach the store asynchronously (the SDK batches, the bridge acknowledges).
 */
export async function waitForTabCalls(extensionPage: Page, tabId: number, calls: number, timeoutMs = 15_000): Promise<TabSummary> {
  const deadline = Date.now() + timeoutMs;
  let last: TabSummary | null = null;
  while (Date.now() < deadline) {
    last = await extensionPage.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeApi };
      const reply = (await chrome.runtime.sendMessage({ type: 'popup.tabSummary', tabId: id })) as { ok: boolean; data?: TabSummary | null };
      return reply.ok ? (reply.data ?? null) : null;
    }, tabId);
    if (last && last.session.calls >= calls) return last;
    await extensionPage.waitForTimeout(200);
  }
  throw new Error(`Expected ${calls} stored calls for tab ${tabId}, the extension has ${last?.session.calls ?? 0}.`);
}
