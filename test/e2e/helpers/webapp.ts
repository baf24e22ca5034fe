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
    // The newest tab at this URL: an earlier test's tab may still be open.
    const ids = (await chrome.tabs.query({})).filter((tab) => tab.url === pageUrl && tab.id !== undefined).map((tab) => tab.id!);
    return ids.length > 0 ? Math.max(...ids) : undefined;
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
  await page.locator('#composer button[type=submit]').click();
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

/**
 * The notice's text, read through DevTools (the notice's shadow root is closed: no page script,
 * and no Playwright locator, can read it). Undefined when no notice is shown.
 */
export async function noticeText(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = findNode(root, (node) => node.nodeName === 'OUTFLOW-NOTICE' && (node.shadowRoots?.length ?? 0) > 0 && hasDialog(node));
    return host ? textOf(host.shadowRoots![0]!).replace(/\s+/g, ' ').trim() : undefined;
  } finally {
    await cdp.detach();
  }
}

interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  attributes?: string[];
}

function findNode(node: DomNode, match: (node: DomNode) => boolean): DomNode | undefined {
  if (match(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return undefined;
}

function hasDialog(host: DomNode): boolean {
  return findNode(host.shadowRoots![0]!, (node) => (node.attributes ?? []).includes('alertdialog')) !== undefined;
}

function textOf(node: DomNode): string {
  if (node.nodeName === 'STYLE') return '';
  if (node.nodeType === 3) return `${node.nodeValue} `;
  return (node.children ?? []).map(textOf).join('');
}

/** Waits for the notice and returns its text. */
export async function waitForNotice(page: Page, timeoutMs = 10_000): Promise<string> {
  return (await eventually(() => noticeText(page), (text) => text !== undefined, timeoutMs))!;
}

/**
 * Answers the notice with the keyboard, as a person would (only trusted input counts): Cancel has
 * the focus; Tab moves to the button that goes on. A reason is typed into its field first.
 */
export async function answerNotice(page: Page, answer: 'continue' | 'cancel', reason?: string): Promise<void> {
  await waitForNotice(page);
  if (reason !== undefined) {
    await page.keyboard.type(reason);
    await page.keyboard.press('Tab');
  }
  if (answer === 'continue') await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await eventually(() => noticeText(page), (text) => text === undefined);
}

/** Pastes text into the composer (a paste event carrying it, as the browser fires one). */
export async function pasteIntoComposer(page: Page, text: string): Promise<void> {
  await page.locator('[data-role=prompt]').focus();
  await page.locator('[data-role=prompt]').evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Sets the employee's policy for the AI web apps (the options page's call). */
export async function setPolicy(extensionPage: Page, policy: unknown): Promise<void> {
  await ask(extensionPage, { type: 'settings.setPolicy', policy });
}

/** Every IndexedDB store of the extension and every `chrome.storage` area, as one JSON text. */
export async function dumpExtensionStorage(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: Record<'local' | 'session' | 'sync', { get(keys: null): Promise<unknown> }> } };
    const databases = await indexedDB.databases();
    const dump: Record<string, unknown> = {};
    for (const { name } of databases) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of [...db.objectStoreNames]) {
        dump[`${name}/${store}`] = await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    for (const area of ['local', 'session', 'sync'] as const) dump[`storage.${area}`] = await chrome.storage[area].get(null);
    return JSON.stringify(dump);
  });
}

/** Raw forms of the test's sensitive values: none may appear in anything the extension stored. */
export function rawForms(values: readonly string[]): string[] {
  return values.flatMap((value) => [value, value.replace(/\s+/g, '')]);
}
