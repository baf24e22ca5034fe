/**
 * Storing events: the events and their sessions' aggregates in one transaction, idempotent by
 * event id (a resent event is stored once and still acknowledged). A full disk gets one retry
 * after evicting the oldest events; if that fails too the caller gets the error and sends no ack,
 * so the SDK keeps the events.
 */
import type { FlowEvent } from '@outflow/sdk/schema';
import type { StoredEvent } from '../messages';
import { addEvent, emptySession, sessionKeyOf, type StoredSession } from './aggregate';
import type { OutflowDb } from './db';
import { evictOldest } from './evict';

/** What the extension itself vouches for about an event: where it came from and when. */
export interface Provenance {
  origin: string;
  receivedAt: number;
  tabId?: number;
}

export function toStoredEvent(event: FlowEvent, provenance: Provenance): StoredEvent {
  return {
    ...event,
    origin: provenance.origin,
    sessionKey: sessionKeyOf(provenance.origin, event.sessionId),
    ts: Date.parse(event.timestamp),
    receivedAt: provenance.receivedAt,
    ...(provenance.tabId === undefined ? {} : { tabId: provenance.tabId }),
  };
}

export interface IngestResult {
  /** Every id in the batch, stored now or before: all of them may be acknowledged. */
  ids: string[];
  /** Events new to the store. */
  added: number;
  /** Events that were already stored (resends, re-imports). */
  duplicates: number;
  /** Sessions touched by the new events, after the write. */
  sessions: StoredSession[];
}

export async function ingest(db: OutflowDb, events: readonly StoredEvent[]): Promise<IngestResult> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  return db.transaction('rw', db.events, db.sessions, async () => {
    const existing = await db.events.bulkGet(unique.map((event) => event.id));
    const fresh = unique.filter((_, i) => existing[i] === undefined);
    const keys = [...new Set(fresh.map((event) => event.sessionKey))];
    const stored = await db.sessions.bulkGet(keys);
    const sessions = new Map(keys.map((key, i) => [key, stored[i]]));
    for (const event of fresh) {
      let session = sessions.get(event.sessionKey);
      if (!session) sessions.set(event.sessionKey, (session = emptySession(event)));
      addEvent(session, event);
    }
    const touched = [...sessions.values()].filter((session): session is StoredSession => session !== undefined);
    await db.events.bulkAdd(fresh);
    await db.sessions.bulkPut(touched);
    return { ids: unique.map((event) => event.id), added: fresh.length, duplicates: unique.length - fresh.length, sessions: touched };
  });
}

export function isQuotaError(error: unknown): boolean {
  const named = (value: unknown) => typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}

/** How many of the oldest events to evict to make room after a quota error. */
export const QUOTA_EVICTION = 1000;

/** `ingest`, with one retry after evicting the oldest events when the disk quota is exceeded. */
export async function ingestWithQuotaRetry(
  db: OutflowDb,
  events: readonly StoredEvent[],
  onEvicted: (count: number) => Promise<void>,
): Promise<IngestResult> {
  try {
    return await ingest(db, events);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await onEvicted(await evictOldest(db, Math.max(QUOTA_EVICTION, events.length)));
    return ingest(db, events);
  }
}
