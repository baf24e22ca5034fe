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
import { ingest, toStoredEvent } from '../store/ingest';
import { allSessions, charts, facets, listSessions, sessionDetail, sessionEvents, tabSummary } from '../store/queries';
import { eventsCarrying } from '../store/where';
import { showTabBadge } from './badge';
import { syncContentScripts } from './content-scripts';
import { capStore, runMaintenance } from './maintenance';
import { drainOrgExport, orgExportStatus, queueOrgExport } from './org-export';
import { isBuiltinOrigin, parseOrigin } from './origins';
import { DomainSchema, getSettings, updateLocalSettings } from './settings';
import { tabCapture } from './webapp/tab-capture';
import { isDegraded } from './webapp/health';
import { appRows } from '../store/apps';
import { describeZodIssues } from '@outflow/sdk/internal/capture';
import { PolicySchema } from '@outflow/sdk/schema';
import { z } from 'zod';
import { tabSession } from './tab-sessions';
import { storeForTab, uncounted } from './store-events';

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

export const contentHandlers: ContentHandlers = {
  async 'bridge.hello'() {
    return { extensionVersion: extensionVersion() };
  },

  async 'bridge.events'({ events }, sender) {
    const receivedAt = Date.now();
    const stored = events.map((event) => toStoredEvent(event, { origin: sender.origin, receivedAt, tabId: sender.tabId }));
    return { ids: (await storeForTab(stored, sender.tabId)).ids };
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

  async 'popup.tabCapture'({ tabId }) {
    return tabCapture(tabId);
  },

  async 'dashboard.apps'() {
    return appRows(db(), (await getSettings()).aiAppTags, (row) => isDegraded(row));
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

  async 'settings.setPolicy'({ policy }) {
    if (!(await getSettings()).policyEditable) throw new HandlerError('The policy is set by your IT department and cannot be changed here.');
    if (policy === null) return updateLocalSettings(({ policy: _removed, ...local }) => local);
    const parsed = PolicySchema.safeParse(policy);
    if (!parsed.success) throw new HandlerError(`This policy is not valid: ${describeZodIssues(parsed.error)}.`);
    return updateLocalSettings((local) => ({ ...local, policy: parsed.data }));
  },

  async 'settings.setOrgDomains'({ domains }) {
    if ((await getSettings()).managed.orgDomains !== undefined) throw new HandlerError('The organisation’s domains are set by your IT department.');
    const parsed = z.array(DomainSchema).safeParse(domains.map((domain) => domain.trim()).filter((domain) => domain !== ''));
    if (!parsed.success) throw new HandlerError(`Not a domain: ${describeZodIssues(parsed.error)}.`);
    return updateLocalSettings((local) => ({ ...local, orgDomains: [...new Set(parsed.data)] }));
  },

  async 'settings.setAppTag'({ domain, tag }) {
    if ((await getSettings()).managed.aiAppTags !== undefined) throw new HandlerError('AI app tags are set by your IT department.');
    const parsed = DomainSchema.safeParse(domain);
    if (!parsed.success) throw new HandlerError(`"${domain.slice(0, 100)}" is not a domain.`);
    return updateLocalSettings((local) => {
      const { [parsed.data]: _previous, ...tags } = local.aiAppTags ?? {};
      return { ...local, aiAppTags: tag === null ? tags : { ...tags, [parsed.data]: tag } };
    });
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
