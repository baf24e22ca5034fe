/**
 * The background's one map of named message handlers, one per message type. The router has
 * already parsed the message and checked its sender; content handlers get the sender's origin
 * and tab from the browser, never from the payload.
 */
import browser from 'webextension-polyfill';
import type { ContentMessage, ContentReplies, Diagnostics, UiMessage, UiReplies } from '../messages';
import { publicSummary } from '../store/aggregate';
import { addToCounters, counterValue, EVICTED_CAP, EVICTED_RETENTION, MAINTENANCE_LAST_RUN, REJECTED_PREFIX, rejectedCounts } from '../store/counters';
import { chainProofForExport } from '../store/chain';
import { db } from '../store/db';
import { deleteAll, deleteSession } from '../store/evict';
import { buildExport, validateImport } from '../store/export';
import { ingest, ingestWithQuotaRetry, isQuotaError, toStoredEvent, type IngestResult } from '../store/ingest';
import { allSessions, charts, facets, listSessions, sessionDetail, sessionEvents, tabSummary } from '../store/queries';
import { eventsCarrying } from '../store/where';
import { showTabBadge } from './badge';
import { syncContentScripts } from './content-scripts';
import { capStore, runMaintenance } from './maintenance';
import { drainOrgExport, orgExportStatus, queueOrgExport } from './org-export';
import { isBuiltinOrigin, parseOrigin } from './origins';
import { getSettings, updateLocalSettings } from './settings';
import { setTabSession, tabSession } from './tab-sessions';

/** What the browser tells us about a content script's sender. */
export interface ContentSender {
  origin: string;
  tabId: number;
}

type ContentHandlers = {
  [K in ContentMessage['type']]: (message: Extract<ContentMessage, { type: K }>, sender: ContentSender) => Promise<ContentReplies[K]>;
};
type UiHandlers = {
  [K in UiMessage['type']]: (message: Extract<UiMessage, { type: K }>) => Promise<UiReplies[K]>;
};

/** Thrown for a request the UI can fix; the router passes the message through as the reply's error. */
export class HandlerError extends Error {
  override name = 'HandlerError';
}

const extensionVersion = () => browser.runtime.getManifest().version;

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

async function uncounted(): Promise<Record<string, number>> {
  const value = (await browser.storage.session.get(UNCOUNTED))[UNCOUNTED];
  return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
}

/** `addToCounters`, keeping the amounts in session storage when the disk quota refuses them. */
function count(amounts: Record<string, number>): Promise<void> {
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

export const contentHandlers: ContentHandlers = {
  async 'bridge.hello'() {
    return { extensionVersion: extensionVersion() };
  },

  async 'bridge.events'({ events }, sender) {
    const receivedAt = Date.now();
    const stored = events.map((event) => toStoredEvent(event, { origin: sender.origin, receivedAt, tabId: sender.tabId }));
    let result: IngestResult;
    try {
      result = await ingestWithQuotaRetry(db(), stored, (evicted) => count({ [EVICTED_CAP]: evicted }));
    } catch (error) {
      // No ack: the SDK keeps the events and resends them. The refusal shows in diagnostics.
      if (isQuotaError(error)) await count({ [REJECTED_PREFIX + 'quota-exceeded']: 1 }).catch(() => undefined);
      throw error;
    }
    await flushUncounted().catch(() => undefined);
    const latest = stored.reduce((a, b) => (b.ts >= a.ts ? b : a));
    await setTabSession(sender.tabId, latest.sessionKey);
    await showTabBadge(sender.tabId, result.sessions.find((session) => session.key === latest.sessionKey) ?? (await db().sessions.get(latest.sessionKey)));
    if (result.added > 0) {
      await capStore((await getSettings()).maxEvents);
      queueOrgExport();
    }
    return { ids: result.ids };
  },

  async 'bridge.rejected'({ counts }) {
    await addToCounters(db(), Object.fromEntries(Object.entries(counts).map(([reason, count]) => [REJECTED_PREFIX + reason, count])));
    return null;
  },
};

export const uiHandlers: UiHandlers = {
  async 'popup.tabSummary'({ tabId }) {
    const key = await tabSession(tabId);
    return key === undefined ? null : tabSummary(db(), key);
  },

  async 'dashboard.sessions'({ filter, limit, offset }) {
    return listSessions(db(), filter, limit, offset);
  },

  async 'dashboard.session'({ key }) {
    return sessionDetail(db(), key);
  },

  async 'dashboard.charts'({ filter }) {
    return charts(db(), filter);
  },

  async 'dashboard.facets'() {
    return facets(db());
  },

  async 'data.export'({ filter }) {
    const sessions = await allSessions(db(), filter ?? {});
    const events = (await Promise.all(sessions.map((session) => sessionEvents(db(), session.key)))).flat();
    return buildExport(sessions, events, { extensionVersion: extensionVersion(), chain: await chainProofForExport(db()) });
  },

  async 'data.import'({ doc }) {
    const { sessions, events } = await validateImport(doc);
    const result = await ingest(db(), events);
    // An import obeys the storage cap like any other write.
    if (result.added > 0) {
      await capStore((await getSettings()).maxEvents);
      queueOrgExport();
    }
    return { sessions: sessions.length, events: result.added, skippedExisting: result.duplicates };
  },

  async 'data.deleteSession'({ key }) {
    return { deletedEvents: await deleteSession(db(), key) };
  },

  async 'data.deleteAll'() {
    return { deletedEvents: await deleteAll(db()) };
  },

  async 'settings.get'() {
    return getSettings();
  },

  async 'settings.set'({ retentionDays, maxEvents }) {
    const current = await getSettings();
    if (retentionDays !== undefined && current.managed.retentionDays !== undefined) {
      throw new HandlerError('Retention is set by your IT department and cannot be changed here.');
    }
    if (maxEvents !== undefined && current.managed.maxEvents !== undefined) {
      throw new HandlerError('The storage limit is set by your IT department and cannot be changed here.');
    }
    await updateLocalSettings((local) => ({
      ...local,
      ...(retentionDays === undefined ? {} : { retentionDays }),
      ...(maxEvents === undefined ? {} : { maxEvents }),
    }));
    await runMaintenance();
    return getSettings();
  },

  async 'origins.add'({ origin: input }) {
    const parsed = parseOrigin(input);
    if ('error' in parsed) throw new HandlerError(parsed.error);
    if (isBuiltinOrigin(parsed.origin)) throw new HandlerError(`${parsed.origin} is always allowed.`);
    const settings = await updateLocalSettings((local) => ({
      ...local,
      userOrigins: [...new Set([...local.userOrigins, parsed.origin])],
    }));
    await syncContentScripts();
    return settings;
  },

  async 'origins.remove'({ origin }) {
    const settings = await updateLocalSettings((local) => ({
      ...local,
      userOrigins: local.userOrigins.filter((listed) => listed !== origin),
    }));
    await syncContentScripts();
    return settings;
  },

  async 'export.status'() {
    return orgExportStatus();
  },

  async 'export.sendNow'() {
    await drainOrgExport({ force: true });
    return orgExportStatus();
  },

  async 'dashboard.whereValue'({ fingerprints, keyId }) {
    return eventsCarrying(db(), fingerprints, keyId);
  },

  async 'diagnostics.get'() {
    const [rejected, retention, cap, lastRunAt, storedEvents, storedSessions, kept] = await Promise.all([
      rejectedCounts(db()),
      counterValue(db(), EVICTED_RETENTION),
      counterValue(db(), EVICTED_CAP),
      counterValue(db(), MAINTENANCE_LAST_RUN),
      db().events.count(),
      db().sessions.count(),
      uncounted(),
    ]);
    for (const [name, value] of Object.entries(kept)) {
      if (name.startsWith(REJECTED_PREFIX)) rejected[name.slice(REJECTED_PREFIX.length)] = (rejected[name.slice(REJECTED_PREFIX.length)] ?? 0) + value;
    }
    const diagnostics: Diagnostics = {
      rejected,
      evicted: { retention: retention ?? 0, cap: (cap ?? 0) + (kept[EVICTED_CAP] ?? 0), ...(lastRunAt === undefined ? {} : { lastRunAt }) },
      storedEvents,
      storedSessions,
    };
    return diagnostics;
  },
};

/** A session's summary for the badge when the tab switches back to it. */
export async function tabBadge(tabId: number): Promise<void> {
  const key = await tabSession(tabId);
  const session = key === undefined ? undefined : await db().sessions.get(key);
  await showTabBadge(tabId, session ? publicSummary(session) : undefined);
}
