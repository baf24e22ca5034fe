/**
 * The organisation export's queue. Every stored event already has a place in the hash chain
 * (store/chain.ts), written in the event's own transaction, so the queue is the chain after a
 * persisted cursor: "queued" survives a stopped worker, a closed browser and an offline laptop
 * with no second copy of any event, and an event is queued exactly when it is stored. The cursor
 * moves only after the collector accepted a batch (at-least-once: a batch may be sent again after
 * a crash; collectors deduplicate on `outflow.event.id`).
 *
 * Bounded: at most `MAX_QUEUED_EVENTS` wait; beyond that the oldest are skipped, and events that
 * left the store before they could be sent are skipped too, each counted by reason.
 */
import type { ChainLink } from '@outflow/sdk/chain/index';
import type { StoredEvent } from '../messages';
import { readChainState } from './chain';
import { addToCounters } from './counters';
import type { OutflowDb } from './db';

/** Events waiting at most; the store's own cap (default 200,000) bounds them too. */
export const MAX_QUEUED_EVENTS = 100_000;
/** Events per OTLP request (each is one `outflow.flow` record plus one per finding): about 1 MB of JSON. */
export const BATCH_EVENTS = 500;

export const EXPORT_DROPPED_PREFIX = 'export:dropped:';
export type DropReason = 'evicted-before-export' | 'queue-full' | 'deleted-before-export' | 'rejected-by-collector';

export interface ExportQueueState {
  /** The last chain seq delivered or skipped; -1 before any. */
  cursor: number;
  /** Consecutive failed attempts (0 after a success). */
  attempts: number;
  nextAttemptAt?: number;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  lastError?: { at: number; reason: string };
  delivered: number;
}

const QUEUE_STATE = 'export:otlp';

/**
 * Where the cursor must be given the chain: past links retention already folded into the base
 * (their events are gone), and no more than `maxQueued` behind the head. Pure.
 */
export function boundCursor(cursor: number, chain: { baseSeq: number; headSeq: number }, maxQueued = MAX_QUEUED_EVENTS): { cursor: number; dropped: Partial<Record<DropReason, number>> } {
  const dropped: Partial<Record<DropReason, number>> = {};
  let next = cursor;
  if (next < chain.baseSeq) {
    dropped['evicted-before-export'] = chain.baseSeq - next;
    next = chain.baseSeq;
  }
  if (chain.headSeq - next > maxQueued) {
    dropped['queue-full'] = chain.headSeq - next - maxQueued;
    next = chain.headSeq - maxQueued;
  }
  return { cursor: next, dropped };
}

export async function readQueueState(db: OutflowDb): Promise<ExportQueueState | undefined> {
  return (await db.state.get(QUEUE_STATE))?.value as ExportQueueState | undefined;
}

export async function writeQueueState(db: OutflowDb, state: ExportQueueState): Promise<void> {
  await db.state.put({ name: QUEUE_STATE, value: state });
}

export async function countDropped(db: OutflowDb, dropped: Partial<Record<DropReason, number>>): Promise<void> {
  await addToCounters(db, Object.fromEntries(Object.entries(dropped).map(([reason, n]) => [EXPORT_DROPPED_PREFIX + reason, n ?? 0])));
}

export async function droppedCounts(db: OutflowDb): Promise<Record<string, number>> {
  const rows = await db.counters.where('name').startsWith(EXPORT_DROPPED_PREFIX).toArray();
  return Object.fromEntries(rows.map((row) => [row.name.slice(EXPORT_DROPPED_PREFIX.length), row.value]));
}

/**
 * The queue state, created at the chain's base the first time export is configured (everything
 * still stored is sent), with the bounds applied and what they skipped counted.
 */
export async function boundedQueueState(db: OutflowDb): Promise<ExportQueueState> {
  const chain = await readChainState(db);
  const stored = await readQueueState(db);
  const state = stored ?? { cursor: chain.baseSeq, attempts: 0, delivered: 0 };
  const bounded = boundCursor(state.cursor, chain);
  if (stored && bounded.cursor === state.cursor) return state;
  const next = { ...state, cursor: bounded.cursor };
  await countDropped(db, bounded.dropped);
  await writeQueueState(db, next);
  return next;
}

export interface Batch {
  /** The last seq the batch covers: the cursor once it is delivered. */
  lastSeq: number;
  events: StoredEvent[];
  /** Links whose event is no longer stored (deleted or evicted since): skipped, counted. */
  missing: number;
}

/** The next batch after `cursor`, or undefined when nothing waits. */
export async function nextBatch(db: OutflowDb, cursor: number, size = BATCH_EVENTS): Promise<Batch | undefined> {
  const links: ChainLink[] = await db.chainLinks.where('seq').above(cursor).limit(size).toArray();
  if (links.length === 0) return undefined;
  const found = await db.events.bulkGet(links.map((link) => link.eventId));
  const events = found.filter((event): event is StoredEvent => event !== undefined);
  return { lastSeq: links[links.length - 1]!.seq, events, missing: links.length - events.length };
}

/** Events waiting: links after the cursor (some may belong to events deleted since). */
export async function pendingCount(db: OutflowDb, cursor: number): Promise<number> {
  return db.chainLinks.where('seq').above(cursor).count();
}
