/**
 * The extension's database. Only the background service worker opens it: pages and content
 * scripts go through runtime messages. Schema versions are only ever added, never edited.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AiAppVisits, CaptureHealth, StoredEvent } from '../messages';
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
  health!: EntityTable<CaptureHealth, 'key'>;
  aiApps!: EntityTable<AiAppVisits, 'domain'>;

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
    // Web-app capture: per adapter version health, and visits per AI app (shadow-AI discovery).
    this.version(2)
      .stores({ health: 'key, app', aiApps: 'domain, lastSeen' })
      .upgrade(async (tx) => {
        // Events from before `source.kind` are SDK events: say so, as the schema reads them.
        await tx
          .table('events')
          .toCollection()
          .modify((event: StoredEvent) => {
            const source = event.source as Partial<StoredEvent['source']>;
            if (source.kind === undefined) source.kind = 'sdk';
          });
        await tx
          .table('sessions')
          .toCollection()
          .modify((session: StoredSession) => {
            const stored = session as Partial<StoredSession>;
            if (stored.kind === undefined) stored.kind = 'sdk';
          });
      });
    // The hash chain over stored events (store/chain.ts) and the organisation export's cursor.
    this.version(3).stores({
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
