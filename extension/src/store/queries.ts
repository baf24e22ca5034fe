/**
 * What the popup and the dashboard ask for. The session list and the charts are answered from the
 * sessions table alone (its aggregates and per-day pre-aggregates), never by scanning events, so
 * they stay fast with 100,000 stored events; a session's detail reads one index range of events.
 */
import type { SignalKind } from '@outflow/sdk/schema';
import type { ChartData, Facets, SessionFilter, SessionSummary, StoredEvent, TabSummary } from '../messages';
import { publicSummary, type StoredSession } from './aggregate';
import type { OutflowDb } from './db';

/** Calls the popup lists, newest first. */
export const POPUP_LAST_CALLS = 10;

export function matchesFilter(session: StoredSession, filter: SessionFilter): boolean {
  return (
    (filter.app === undefined || session.app === filter.app) &&
    (filter.origin === undefined || session.origin === filter.origin) &&
    (filter.provider === undefined || (session.providers[filter.provider] ?? 0) > 0) &&
    (filter.type === undefined || (session.findingsByType[filter.type] ?? 0) > 0) &&
    (filter.decision === undefined || session.decisions[filter.decision] > 0) &&
    (filter.from === undefined || session.lastSeen >= filter.from) &&
    (filter.to === undefined || session.lastSeen <= filter.to)
  );
}

/** Sessions matching the filter, narrowed first by the most selective index the filter allows. */
async function matchingSessions(db: OutflowDb, filter: SessionFilter): Promise<StoredSession[]> {
  const table = db.sessions;
  const candidates =
    filter.type !== undefined
      ? table.where('types').equals(filter.type)
      : filter.app !== undefined
        ? table.where('app').equals(filter.app)
        : filter.origin !== undefined
          ? table.where('origin').equals(filter.origin)
          : filter.provider !== undefined
            ? table.where('providerNames').equals(filter.provider)
            : filter.decision !== undefined
              ? table.where('decisionKinds').equals(filter.decision)
              : table.where('lastSeen').between(filter.from ?? -Infinity, filter.to ?? Infinity, true, true);
  const sessions = await candidates.filter((session) => matchesFilter(session, filter)).toArray();
  return sessions.sort((a, b) => b.lastSeen - a.lastSeen);
}

const isEmpty = (filter: SessionFilter) => Object.values(filter).every((value) => value === undefined);

/** Every session matching the filter, most recent first, as the UI sees them (for export). */
export async function allSessions(db: OutflowDb, filter: SessionFilter): Promise<SessionSummary[]> {
  const sessions = isEmpty(filter) ? await db.sessions.orderBy('lastSeen').reverse().toArray() : await matchingSessions(db, filter);
  return sessions.map(publicSummary);
}

/** The dashboard's session list, most recent first. */
export async function listSessions(
  db: OutflowDb,
  filter: SessionFilter,
  limit: number,
  offset: number,
): Promise<{ sessions: SessionSummary[]; total: number }> {
  if (isEmpty(filter)) {
    // The common case reads only the page it shows, straight off the lastSeen index.
    const [total, page] = await Promise.all([
      db.sessions.count(),
      db.sessions.orderBy('lastSeen').reverse().offset(offset).limit(limit).toArray(),
    ]);
    return { sessions: page.map(publicSummary), total };
  }
  const sessions = await matchingSessions(db, filter);
  return { sessions: sessions.slice(offset, offset + limit).map(publicSummary), total: sessions.length };
}

/** A session's events in call order (its timeline). */
export async function sessionEvents(db: OutflowDb, key: string): Promise<StoredEvent[]> {
  return db.events.where('[sessionKey+seq]').between([key, -Infinity], [key, Infinity]).toArray();
}

export async function sessionDetail(db: OutflowDb, key: string): Promise<{ session: SessionSummary; events: StoredEvent[] } | null> {
  const session = await db.sessions.get(key);
  if (!session) return null;
  return { session: publicSummary(session), events: await sessionEvents(db, key) };
}

/** The popup's view of one session: its aggregate and its last calls, newest first. */
export async function tabSummary(db: OutflowDb, sessionKey: string): Promise<TabSummary | null> {
  const session = await db.sessions.get(sessionKey);
  if (!session) return null;
  const lastCalls = await db.events
    .where('[sessionKey+seq]')
    .between([sessionKey, -Infinity], [sessionKey, Infinity])
    .reverse()
    .limit(POPUP_LAST_CALLS)
    .toArray();
  return { session: publicSummary(session), lastCalls };
}

const DAY_MS = 86_400_000;

/** Chart data for the sessions matching the filter; per-day cells also honour the date range and provider. */
export async function charts(db: OutflowDb, filter: SessionFilter): Promise<ChartData> {
  const sessions = isEmpty(filter) ? await db.sessions.toArray() : await matchingSessions(db, filter);
  const findings = new Map<string, number>();
  const cells = new Map<string, { provider: string; day: string; calls: number; bytes: number }>();
  const fromDay = filter.from === undefined ? undefined : new Date(Math.floor(filter.from / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const toDay = filter.to === undefined ? undefined : new Date(filter.to).toISOString().slice(0, 10);
  for (const session of sessions) {
    for (const [type, count] of Object.entries(session.findingsByType)) findings.set(type, (findings.get(type) ?? 0) + count);
    for (const [cellKey, cell] of Object.entries(session.byProviderDay)) {
      // Provider names may contain spaces; the day is always the last 10 characters.
      const provider = cellKey.slice(0, -11);
      const day = cellKey.slice(-10);
      if (filter.provider !== undefined && provider !== filter.provider) continue;
      if ((fromDay !== undefined && day < fromDay) || (toDay !== undefined && day > toDay)) continue;
      const total = cells.get(cellKey) ?? { provider, day, calls: 0, bytes: 0 };
      total.calls += cell.calls;
      total.bytes += cell.bytes;
      cells.set(cellKey, total);
    }
  }
  return {
    signals: signalTimeline(sessions, filter),
    findingsByType: [...findings].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    byProviderDay: [...cells.values()].sort((a, b) => a.day.localeCompare(b.day) || a.provider.localeCompare(b.provider)),
  };
}

/** Each usage signal's highest score per app × provider per hour, within the filter's provider and time range. */
function signalTimeline(sessions: readonly StoredSession[], filter: SessionFilter): ChartData['signals'] {
  const cells = new Map<string, ChartData['signals'][number]>();
  for (const session of sessions) {
    for (const [key, score] of Object.entries(session.signalsByHour ?? {})) {
      const [provider = '', kind = '', hourText = ''] = key.split('\n');
      const hour = Number(hourText);
      if (filter.provider !== undefined && provider !== filter.provider) continue;
      if ((filter.from !== undefined && hour + 3_600_000 <= filter.from) || (filter.to !== undefined && hour > filter.to)) continue;
      const cellKey = `${session.app}\n${key}`;
      const cell = cells.get(cellKey);
      if (cell === undefined) cells.set(cellKey, { app: session.app, provider, kind: kind as SignalKind, hour, score });
      else cell.score = Math.max(cell.score, score);
    }
  }
  return [...cells.values()].sort((a, b) => a.hour - b.hour || a.app.localeCompare(b.app) || a.provider.localeCompare(b.provider) || a.kind.localeCompare(b.kind));
}

/** The values the dashboard's filters offer, straight from the indexes' unique keys. */
export async function facets(db: OutflowDb): Promise<Facets> {
  const keys = async (index: string) => (await db.sessions.orderBy(index).uniqueKeys()).map(String);
  const [apps, origins, providers, types] = await Promise.all([keys('app'), keys('origin'), keys('providerNames'), keys('types')]);
  return { apps, origins, providers, types };
}
