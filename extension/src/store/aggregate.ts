/**
 * Per-session aggregates, computed incrementally from events. Pure: ingest folds new events into
 * the stored aggregate, eviction and import recompute it from scratch with the same function, so
 * the two can never disagree.
 */
import type { SessionSummary, StoredEvent } from '../messages';

/** Masked previews kept per finding type in a session (what the popup shows). */
export const SAMPLES_PER_TYPE = 3;

/**
 * A session as stored: the summary the UI sees plus fields that exist for indexing (Dexie
 * multi-entry indexes need arrays) and for the charts' per-day pre-aggregates.
 */
export interface StoredSession extends SessionSummary {
  /** Keys of `findingsByType`, for the `*types` index. */
  types: string[];
  /** Keys of `providers`, for the `*providerNames` index. */
  providerNames: string[];
  /** Decisions with at least one call, for the `*decisionKinds` index. */
  decisionKinds: string[];
  /** Calls and bytes sent by `${provider} ${YYYY-MM-DD}` (UTC): the charts' pre-aggregate. */
  byProviderDay: Record<string, { calls: number; bytes: number }>;
}

export function emptySession(event: StoredEvent): StoredSession {
  return {
    key: event.sessionKey,
    sessionId: event.sessionId,
    origin: event.origin,
    app: event.source.app,
    kind: event.source.kind,
    firstSeen: event.ts,
    lastSeen: event.ts,
    calls: 0,
    bytesOut: 0,
    bytesIn: 0,
    tokensIn: 0,
    tokensOut: 0,
    providers: {},
    models: {},
    findingsByType: {},
    findingsByCategory: {},
    samplesByType: {},
    decisions: { allowed: 0, redacted: 0, blocked: 0 },
    errors: 0,
    types: [],
    providerNames: [],
    decisionKinds: [],
    byProviderDay: {},
  };
}

const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

/** Folds one event into its session's aggregate (mutates `session`). */
export function addEvent(session: StoredSession, event: StoredEvent): void {
  session.calls += 1;
  session.firstSeen = Math.min(session.firstSeen, event.ts);
  if (event.ts >= session.lastSeen) {
    session.lastSeen = event.ts;
    // The app's name as of its latest call: a renamed app shows its current name.
    session.app = event.source.app;
  }
  session.bytesOut += event.request.bytes;
  session.bytesIn += event.response?.bytes ?? 0;
  session.tokensIn += event.response?.tokensIn ?? 0;
  session.tokensOut += event.response?.tokensOut ?? 0;
  bump(session.providers, event.destination.provider);
  if (event.destination.model) bump(session.models, event.destination.model);
  for (const finding of event.findings) {
    bump(session.findingsByType, finding.type, finding.count);
    bump(session.findingsByCategory, finding.category, finding.count);
    const samples = (session.samplesByType[finding.type] ??= []);
    for (const sample of finding.samples) {
      if (samples.length < SAMPLES_PER_TYPE && !samples.includes(sample.preview)) samples.push(sample.preview);
    }
  }
  session.decisions[event.decision] += 1;
  if (event.error && event.error.kind !== 'blocked') session.errors += 1;
  if (event.tabId !== undefined) session.lastTabId = event.tabId;
  const day = `${event.destination.provider} ${new Date(event.ts).toISOString().slice(0, 10)}`;
  const cell = (session.byProviderDay[day] ??= { calls: 0, bytes: 0 });
  cell.calls += 1;
  cell.bytes += event.request.bytes;
  session.types = Object.keys(session.findingsByType);
  session.providerNames = Object.keys(session.providers);
  session.decisionKinds = Object.entries(session.decisions)
    .filter(([, count]) => count > 0)
    .map(([decision]) => decision);
}

/** Events in the order they happened in their session: the canonical order for recomputing. */
export function bySessionOrder(a: StoredEvent, b: StoredEvent): number {
  return a.seq - b.seq || a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every session's aggregate, recomputed from its events. */
export function summarise(events: readonly StoredEvent[]): Map<string, StoredSession> {
  const sessions = new Map<string, StoredSession>();
  for (const event of [...events].sort(bySessionOrder)) {
    let session = sessions.get(event.sessionKey);
    if (!session) sessions.set(event.sessionKey, (session = emptySession(event)));
    addEvent(session, event);
  }
  return sessions;
}

/** The summary the UI receives: the index-only fields left out. */
export function publicSummary(session: StoredSession): SessionSummary {
  const { types: _types, providerNames: _providers, decisionKinds: _decisions, byProviderDay: _days, ...summary } = session;
  return summary;
}

/** The key of a session: page-chosen session ids are only unique per origin. */
export function sessionKeyOf(origin: string, sessionId: string): string {
  return `${origin} ${sessionId}`;
}
