/**
 * What the background remembers about one AI web app's tab, in `storage.session` (it survives the
 * service worker being stopped and ends with the browser session, as tab ids do): the tab's event
 * session, what the employee already answered, the placeholders the composer put in, and the
 * capture problems of the current page load. Fingerprints and masked previews only, never values.
 * Updates of one tab run one after another, so two sends in flight never lose each other's changes.
 */
import browser from 'webextension-polyfill';
import { newTabState, type TabState } from './tab-memory';

const keyOf = (tabId: number) => `webapp:${tabId}`;

export async function readTabState(tabId: number): Promise<TabState | undefined> {
  const value = (await browser.storage.session.get(keyOf(tabId)))[keyOf(tabId)];
  return typeof value === 'object' && value !== null ? (value as TabState) : undefined;
}

const queues = new Map<number, Promise<unknown>>();

/** Runs `task` after the tab's earlier updates, before its later ones. */
function inTabOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return next;
}

/**
 * Runs `change` on the tab's state (a new one for `app` if the tab has none, or had another app)
 * and saves what it leaves; its result is returned. One tab's updates run in order.
 */
export function updateTabState<T>(tabId: number, app: { id: string; version: string }, change: (state: TabState) => T | Promise<T>): Promise<T> {
  return inTabOrder(tabId, async () => {
    const stored = await readTabState(tabId);
    const state = stored && stored.app === app.id ? stored : newTabState(app.id, app.version);
    state.version = app.version;
    const result = await change(state);
    await browser.storage.session.set({ [keyOf(tabId)]: state });
    return result;
  });
}

/** Forgets the tab's state, in order with its updates; `unless` keeps a state it accepts (the app the tab is now on). */
export function forgetTabState(tabId: number, unless: (state: TabState) => boolean = () => false): Promise<void> {
  return inTabOrder(tabId, async () => {
    const state = await readTabState(tabId);
    if (state && !unless(state)) await browser.storage.session.remove(keyOf(tabId));
  });
}
