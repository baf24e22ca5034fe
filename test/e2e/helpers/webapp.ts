/** Driving a replica AI web app in Chromium with the extension, and reading what the extension stored for its tab. */
import type { Page } from 'playwright';
import type { StoredEvent, TabSummary } from '../../../extension/src/messages';
import { REPLY_TEXT, serveReplica, type ReceivedRequest, type Replica } from '../../fixtures/webapps/replicas';
import { ask, eventually } from './background';
import type { ExtensionBrowser } from './browser';

/** Made-up values the scanner treats as real: a Luhn-valid card, an AWS key shape, an address. */
export const SECRETS = {
  email: 'maria.jensen@nordlys-freight.com',
  card: '4539 1488 0343 6467',
  awsKey: 'AKIAQ3EGRJ5WZ7KXV4NM',
} as const;
export const SENSITIVE_PROMPT = `Customer ${SECRETS.email} paid with ${SECRETS.card}; our key is ${SECRETS.awsKey}. Draft a reply.`;

export interface OpenReplica {
  page: Page;
  tabId: number;
  received: ReceivedRequest[];
}

export async function tabIdOfUrl(browser: ExtensionBrowser, url: string): Promise<number> {
  const id = await browser.serviceWorker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } };
    return (await chrome.tabs.query({})).find((tab) => tab.url === pageUrl)?.id;
  }, url);
  if (id === undefined) throw new Error(`The extension sees no tab at ${url}.`);
  return id;
}

/** Routes the replica (once per context) and opens it in a new tab. */
export async function openReplica(browser: ExtensionBrowser, replica: Replica, served: Map<string, ReceivedRequest[]>): Promise<OpenReplica> {
  let received = served.get(replica.app);
  if (!received) {
    received = await serveReplica(browser.context, replica);
    served.set(replica.app, received);
  }
  const page = await browser.context.newPage();
  await page.goto(`${replica.origin}/`);
  await page.locator('[data-role=prompt]').waitFor();
  return { page, tabId: await tabIdOfUrl(browser, page.url()), received };
}

/** Types a prompt, presses Send and waits for the turn the app renders after it (its reply, or its error). */
export async function sendPrompt(page: Page, text: string): Promise<string> {
  const turns = page.locator('#log .turn:not(.user)');
  const before = await turns.count();
  await page.locator('[data-role=prompt]').fill(text);
  await page.getByRole('button', { name: /send/i }).click();
  await turns.nth(before).waitFor({ timeout: 20_000 });
  return (await turns.nth(before).textContent()) ?? '';
}

export { REPLY_TEXT };

/** The tab's stored summary once it holds `calls` calls. */
export async function tabCalls(extensionPage: Page, tabId: number, calls: number): Promise<TabSummary> {
  const summary = await eventually(
    () => ask(extensionPage, { type: 'popup.tabSummary', tabId }),
    (value) => (value?.session.calls ?? 0) >= calls,
  );
  return summary!;
}

/** Finding type → count in one event. */
export function findingCounts(event: StoredEvent): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of event.findings) counts[finding.type] = (counts[finding.type] ?? 0) + finding.count;
  return counts;
}
