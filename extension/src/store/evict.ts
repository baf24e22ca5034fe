/**
 * Removing events: retention (older than N days), the storage cap (oldest first) and deletes
 * asked for in the dashboard. Sessions that lose events are recomputed from what remains, in the
 * same transaction, so aggregates always match the stored events.
 */
import type { OutflowDb } from './db';
import { summarise } from './aggregate';

/** Events handled per transaction: keeps each one short so ingest is never blocked for long. */
const CHUNK = 5000;

/** Deletes the given events and fixes up their sessions. Returns how many were deleted. */
async function deleteEventsAndResummarise(db: OutflowDb, ids: string[], sessionKeys: Set<string>): Promise<number> {
  if (ids.length === 0) return 0;
  await db.transaction('rw', db.events, db.sessions, async () => {
    await db.events.bulkDelete(ids);
    for (const key of sessionKeys) {
      const remaining = await db.events.where('[sessionKey+seq]').between([key, -Infinity], [key, Infinity]).toArray();
      const recomputed = summarise(remaining).get(key);
      if (recomputed) await db.sessions.put(recomputed);
      else await db.sessions.delete(key);
    }
  });
  return ids.length;
}

/** Deletes events whose call started before `cutoff` (epoch ms). */
export async function evictOlderThan(db: OutflowDb, cutoff: number): Promise<number> {
  let total = 0;
  for (;;) {
    const chunk = await db.events.where('ts').below(cutoff).limit(CHUNK).toArray();
    if (chunk.length === 0) return total;
    total += await deleteEventsAndResummarise(db, chunk.map((e) => e.id), new Set(chunk.map((e) => e.sessionKey)));
  }
}

/** Deletes the `count` oldest events. */
export async function evictOldest(db: OutflowDb, count: number): Promise<number> {
  let total = 0;
  while (total < count) {
    const chunk = await db.events.orderBy('ts').limit(Math.min(CHUNK, count - total)).toArray();
    if (chunk.length === 0) return total;
    total += await deleteEventsAndResummarise(db, chunk.map((e) => e.id), new Set(chunk.map((e) => e.sessionKey)));
  }
  return total;
}

/** Brings the store down to `maxEvents`; returns how many were evicted. */
export async function enforceCap(db: OutflowDb, maxEvents: number): Promise<number> {
  const excess = (await db.events.count()) - maxEvents;
  return excess > 0 ? evictOldest(db, excess) : 0;
}

/** Deletes one session and all its events. */
export async function deleteSession(db: OutflowDb, key: string): Promise<number> {
  return db.transaction('rw', db.events, db.sessions, async () => {
    const deleted = await db.events.where('[sessionKey+seq]').between([key, -Infinity], [key, Infinity]).delete();
    await db.sessions.delete(key);
    return deleted;
  });
}

/** Deletes every event and session (diagnostics counters stay: they describe the extension, not the data). */
export async function deleteAll(db: OutflowDb): Promise<number> {
  return db.transaction('rw', db.events, db.sessions, async () => {
    const deleted = await db.events.count();
    await db.events.clear();
    await db.sessions.clear();
    return deleted;
  });
}
