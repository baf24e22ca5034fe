/**
 * The extension's database. Only the background service worker opens it: pages and content
 * scripts go through runtime messages. Schema versions are only ever added, never edited.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { StoredEvent } from '../messages';
import type { StoredSession } from './aggregate';
import type { ChainLink, Checkpoint } from '@outflow/sdk/chain/index';

/** A checkpoint as stored: `index` is its place in signing order (the proof lists them so). */
export type StoredCheckpoint = Checkpoint & { index: number };

/** Named state records that are not counters (the chain head, the signing key, the export cursor). */
export interface StateRecord {
  name: string;
  value: unknown;
}

/** A named counter: rejected messages by reason, evictions, timestamps of the last maintenance run. */
export interface Counter {
  name: string;
  value: number;
}

export class OutflowDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  sessions!: EntityTable<StoredSession, 'key'>;
  counters!: EntityTable<Counter, 'name'>;
  chainLinks!: EntityTable<ChainLink, 'seq'>;
  chainCheckpoints!: EntityTable<StoredCheckpoint, 'index'>;
  state!: EntityTable<StateRecord, 'name'>;

  constructor(name = 'outflow') {
    // Acks promise that events are durably stored: ask Chrome to flush before a transaction completes.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      // `ts` serves retention and oldest-first eviction; `[sessionKey+seq]` a session's timeline.
      events: 'id, ts, [sessionKey+seq]',
      // The session list is answered from here alone; multi-entry indexes back the filters.
      sessions: 'key, lastSeen, app, origin, *types, *providerNames, *decisionKinds',
      counters: 'name',
    });
    // The hash chain over stored events (store/chain.ts) and the organisation export's cursor.
    this.version(2).stores({
      chainLinks: 'seq',
      chainCheckpoints: 'index, seq',
      state: 'name',
    });
  }
}

let instance: OutflowDb | undefined;

/** The background's one database connection. */
export function db(): OutflowDb {
  return (instance ??= new OutflowDb());
}
