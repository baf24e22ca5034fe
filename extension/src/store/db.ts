/**
 * The extension's database. Only the background service worker opens it: pages and content
 * scripts go through runtime messages. Schema versions are only ever added, never edited.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { StoredEvent } from '../messages';
import type { StoredSession } from './aggregate';

/** A named counter: rejected messages by reason, evictions, timestamps of the last maintenance run. */
export interface Counter {
  name: string;
  value: number;
}

export class OutflowDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  sessions!: EntityTable<StoredSession, 'key'>;
  counters!: EntityTable<Counter, 'name'>;

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
  }
}

let instance: OutflowDb | undefined;

/** The background's one database connection. */
export function db(): OutflowDb {
  return (instance ??= new OutflowDb());
}
