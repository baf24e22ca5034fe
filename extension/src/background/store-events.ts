/**
 * Storing events that arrived from a tab (the SDK's bridge, or web-app capture): one transaction,
 * a quota retry, the tab's session and badge, and the storage cap. Counts a full disk refuses are
 * kept in `storage.session` until a write succeeds again.
 */
import browser from 'webextension-polyfill';
import type { StoredEvent } from '../messages';
import { addToCounters, EVICTED_CAP, REJECTED_PREFIX } from '../store/counters';
import { db } from '../store/db';
import { ingestWithQuotaRetry, isQuotaError, type IngestResult } from '../store/ingest';
import { showTabBadge } from './badge';
import { capStore } from './maintenance';
import { queueOrgExport } from './org-export';
import { getSettings } from './settings';
import { setTabSession } from './tab-sessions';

/**
 * Counts a full disk refused (a counter is a write too): kept in `storage.session`, which the
 * IndexedDB quota does not cover and which survives the worker being stopped, shown by
 * `diagnostics.get`, and moved into the database once a write succeeds again.
 */
const UNCOUNTED = 'uncountedCounters';
let uncountedQueue: Promise<unknown> = Promise.resolve();

function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = uncountedQueue.then(task, task);
  uncountedQueue = run.catch(() => undefined);
  return run;
}

export async function uncounted(): Promise<Record<string, number>> {
  const value = (await browser.storage.session.get(UNCOUNTED))[UNCOUNTED];
  return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
}

/** `addToCounters`, keeping the amounts in session storage when the disk quota refuses them. */
export function count(amounts: Record<string, number>): Promise<void> {
  return serially(async () => {
    try {
      await addToCounters(db(), amounts);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const kept = await uncounted();
      for (const [name, value] of Object.entries(amounts)) kept[name] = (kept[name] ?? 0) + value;
      await browser.storage.session.set({ [UNCOUNTED]: kept });
    }
  });
}

function flushUncounted(): Promise<void> {
  return serially(async () => {
    const kept = await uncounted();
    if (Object.keys(kept).length === 0) return;
    await addToCounters(db(), kept);
    await browser.storage.session.remove(UNCOUNTED);
  });
}

/**
 * Stores events from one tab. Throws when the disk refuses them even after the quota retry (the
 * caller sends no ack, so the SDK keeps and resends them); the refusal is counted.
 */
export async function storeForTab(stored: StoredEvent[], tabId: number): Promise<IngestResult> {
  let result: IngestResult;
  try {
    result = await ingestWithQuotaRetry(db(), stored, (evicted) => count({ [EVICTED_CAP]: evicted }));
  } catch (error) {
    if (isQuotaError(error)) await count({ [REJECTED_PREFIX + 'quota-exceeded']: 1 }).catch(() => undefined);
    throw error;
  }
  await flushUncounted().catch(() => undefined);
  const latest = stored.reduce((a, b) => (b.ts >= a.ts ? b : a));
  await setTabSession(tabId, latest.sessionKey);
  await showTabBadge(tabId, result.sessions.find((session) => session.key === latest.sessionKey) ?? (await db().sessions.get(latest.sessionKey)));
  if (result.added > 0) {
    await capStore((await getSettings()).maxEvents);
    queueOrgExport();
  }
  return result;
}
