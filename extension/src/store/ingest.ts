/**
 * Storing events: the events and their sessions' aggregates in one transaction, idempotent by
 * event id (a resent event is stored once and still acknowledged). A full disk gets one retry
 * after evicting the oldest events; if that fails too the caller gets the error and sends no ack,
 * so the SDK keeps the events.
 */
import type { FlowEvent } from '@outflow/sdk/schema';
import type { StoredEvent } from '../messages';
import { addEvent, emptySession, sessionKeyOf, type StoredSession } from './aggregate';
import { commitLinks, extendChain, readChainState, withChainLock } from './chain';
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
    // A page chooses its events' timestamps; one from the future would escape retention and push
    // other origins' events out under the cap. A call cannot have started after it was received.
    ts: Math.min(Date.parse(event.timestamp), provenance.receivedAt),
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

/**
 * New events also get their hash-chain links (store/chain.ts), committed in the same transaction,
 * so no event is ever stored without one.
 */
export async function ingest(db: OutflowDb, events: readonly StoredEvent[]): Promise<IngestResult> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  return withChainLock(db, async () => {
    const existing = await db.events.bulkGet(unique.map((event) => event.id));
    const fresh = unique.filter((_, i) => existing[i] === undefined);
    // Hashing awaits WebCrypto, which would end a transaction: links are computed before it opens.
    const chain = await extendChain(await readChainState(db), fresh);
    return db.transaction('rw', [db.events, db.sessions, db.chainLinks, db.state], async () => {
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
      await commitLinks(db, chain);
      return { ids: unique.map((event) => event.id), added: fresh.length, duplicates: unique.length - fresh.length, sessions: touched };
    });
  });
}

export function isQuotaError(error: unknown): boolean {
  const named = (value: unknown) => typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}

/** After a quota error the oldest tenth of the store is evicted (at least the batch's size, at most 1000). */
export const QUOTA_EVICTION_SHARE = 0.1;
export const QUOTA_EVICTION_MAX = 1000;
/**
 * At most one quota eviction this often. While the disk stays full every resend fails again, and
 * evicting on each would empty the store while storing nothing; after one eviction the events
 * wait in the SDK's buffer (unacknowledged) until space returns.
 */
export const QUOTA_EVICTION_COOLDOWN_MS = 10 * 60_000;

let lastQuotaEvictionAt = Number.NEGATIVE_INFINITY;

/**
 * `ingest`, with one retry after evicting the oldest events when the disk quota is exceeded (at
 * most once per cooldown). `onEvicted` should keep its count somewhere a full disk cannot refuse
 * (see the background's handler).
 */
export async function ingestWithQuotaRetry(
  db: OutflowDb,
  events: readonly StoredEvent[],
  onEvicted: (count: number) => Promise<void>,
  now = Date.now(),
): Promise<IngestResult> {
  try {
    return await ingest(db, events);
  } catch (error) {
    if (!isQuotaError(error) || now - lastQuotaEvictionAt < QUOTA_EVICTION_COOLDOWN_MS) throw error;
    lastQuotaEvictionAt = now;
    const share = Math.ceil((await db.events.count()) * QUOTA_EVICTION_SHARE);
    const evicted = await evictOldest(db, Math.min(QUOTA_EVICTION_MAX, Math.max(share, events.length)));
    // Counting is a write too, on a full disk: its failure must not cost the retry.
    await onEvicted(evicted).catch(() => undefined);
    return ingest(db, events);
  }
}
