/**
 * A connection to the organisation store over ClickHouse's HTTP interface, through the official
 * `@clickhouse/client`. Values are never spliced into SQL unchecked: ClickHouse 18.16 has no
 * query parameters, so the few values a query needs are validated (identifiers, hex, integers)
 * or quoted by `sqlString`.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { createTableSql, DEFAULT_TABLE, IDENTIFIER } from './table';
import { EVENT_COLUMNS, type EventRow } from './row';
import { toTabSeparated } from './tsv';

export interface ClickHouseOptions {
  /** The server's HTTP interface, e.g. `http://clickhouse.corp.example:8123`; credentials may be in it. */
  url: string;
  /** @default from the URL, else `default` */
  username?: string;
  /** @default from the URL, else none */
  password?: string;
  /** @default from the URL's `?database=`, else the user's default database */
  database?: string;
  /** @default 'outflow_events' */
  table?: string;
  /** A request the server has not answered in this long fails. @default 30000 */
  requestTimeoutMs?: number;
}

export interface EventStore {
  readonly table: string;
  /** Creates the table when it does not exist. */
  init(): Promise<void>;
  /** One INSERT (atomic on the server for batches under its block size). */
  insert(rows: readonly EventRow[]): Promise<void>;
  /** Rows of a SELECT, as objects (64-bit integers arrive as strings). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** The server's version, e.g. `18.16.1`; also checks it answers. */
  version(): Promise<string>;
  close(): Promise<void>;
}

export class ClickHouseConfigError extends Error {
  override name = 'ClickHouseConfigError';
}

/** `'…'` with backslashes and quotes escaped, for the rare text value a query must carry. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

type ClientModule = typeof import('@clickhouse/client');
let clientModule: Promise<ClientModule> | undefined;

/**
 * `@clickhouse/client` is an optional peer dependency: only a service or a reviewer that uses
 * ClickHouse installs it, so every other app installing the SDK does not. Loaded on first use.
 */
function loadClientModule(): Promise<ClientModule> {
  clientModule ??= import('@clickhouse/client').catch(() => {
    clientModule = undefined;
    throw new ClickHouseConfigError('the ClickHouse store needs the @clickhouse/client package: npm install @clickhouse/client');
  });
  return clientModule;
}

export function openEventStore(options: ClickHouseOptions): EventStore {
  const table = options.table ?? DEFAULT_TABLE;
  if (!IDENTIFIER.test(table)) throw new ClickHouseConfigError(`table: "${table.slice(0, 80)}" is not a plain identifier (letters, digits, _)`);
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ClickHouseConfigError('url: not a valid URL (e.g. http://localhost:8123)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ClickHouseConfigError('url: ClickHouse is reached over http: or https:');
  let connecting: Promise<ClickHouseClient> | undefined;
  const connect = (): Promise<ClickHouseClient> =>
    (connecting ??= loadClientModule().then(({ createClient, ClickHouseLogLevel }) =>
      createClient({
        url: options.url,
        request_timeout: options.requestTimeoutMs ?? 30_000,
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        ...(options.database !== undefined ? { database: options.database } : {}),
        // The client logs failed requests itself; our callers report them once, in their own words.
        log: { level: ClickHouseLogLevel.OFF },
      }),
    ));
  return {
    table,
    async init() {
      await (await connect()).command({ query: createTableSql(table) });
    },
    async insert(rows) {
      if (rows.length === 0) return;
      await (await connect()).insert({ table, values: Readable.from([toTabSeparated(rows, EVENT_COLUMNS)], { objectMode: false }), format: 'TabSeparated', columns: [...EVENT_COLUMNS] as [string, ...string[]] });
    },
    async query<T>(sql: string) {
      const result = await (await connect()).query({ query: sql, format: 'JSONEachRow' });
      return result.json<T>();
    },
    async version() {
      const [row] = await this.query<{ version: string }>('SELECT version() AS version');
      return row?.version ?? 'unknown';
    },
    async close() {
      // A store that never connected (or could not load its client) has nothing to close.
      if (connecting) await connecting.then((client) => client.close(), () => undefined);
    },
  };
}
