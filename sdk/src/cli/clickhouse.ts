/**
 * `outflow clickhouse init|load|where|query|queries`: the organisation store on ClickHouse.
 * The server is named by `--url` (or `OUTFLOW_CLICKHOUSE_URL`); a password comes from the URL or
 * `OUTFLOW_CLICKHOUSE_PASSWORD`, never from a flag other local users could read in `ps`.
 */
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { eventRow, type EventRow } from '../clickhouse/row';
import { SAVED_QUERIES, savedQuerySql, whereSql } from '../clickhouse/queries';
import { ClickHouseConfigError, openEventStore, type EventStore } from '../clickhouse/store';
import { createScanner } from '../detect';
import { fingerprintKeyId, keyBytes } from '../detect/fingerprint';
import { valueFingerprints } from '../detect/value-fingerprints';
import { OutflowError } from '../errors';
import { loadPolicyFile } from '../policy-file';
import { oneOf, parseCommandArgs } from './args';
import { CliUsageError, EXIT, type ExitCode } from './errors';
import { readEventFile } from './event-files';
import { clickhouseHelp } from './help';
import { checkInputs, describeFsError } from './input';
import type { ProgressStream } from './progress';
import { formatTable } from './table-format';

export interface ClickHouseIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

/** Fingerprint keys shorter than this are refused, as `createOutflow` refuses them. */
const MIN_KEY_BYTES = 32;
/** Rows per INSERT: large enough for throughput, small enough that one refused batch is quick to retry. */
const DEFAULT_BATCH = 20_000;

/** The server could not be reached, or refused what it was sent: exit code 4. */
export class ClickHouseUnavailableError extends Error {
  override name = 'ClickHouseUnavailableError';
}

const connectionOptions = {
  url: { type: 'string' },
  user: { type: 'string' },
  database: { type: 'string' },
  table: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runClickHouse(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout).write(clickhouseHelp);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS];
  if (!run) throw new CliUsageError(`unknown clickhouse command ${JSON.stringify(sub)} (init, load, where, query, queries)`, { showHelpHint: true });
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof ClickHouseUnavailableError) throw error;
    if (error instanceof ClickHouseConfigError) throw new CliUsageError(error.message, { showHelpHint: true });
    throw new ClickHouseUnavailableError(serverFailure(error));
  }
}

/** A server error or a network failure, in one line, without credentials. */
function serverFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const first = message.split('\n')[0]!.replace(/\/\/[^/@\s]*@/g, '//').slice(0, 300);
  return `ClickHouse failed: ${typeof code === 'string' && !first.includes(code) ? `${code} ` : ''}${first || 'no answer'}`;
}

const SUBCOMMANDS = {
  init: runInit,
  load: runLoad,
  where: runWhere,
  query: runQuery,
  queries: runQueries,
};

function connect(values: { url?: string | undefined; user?: string | undefined; database?: string | undefined; table?: string | undefined }, env: NodeJS.ProcessEnv): EventStore {
  const url = values.url ?? env.OUTFLOW_CLICKHOUSE_URL;
  if (!url) throw new CliUsageError('--url is required (or set OUTFLOW_CLICKHOUSE_URL), e.g. --url http://localhost:8123', { showHelpHint: true });
  const user = values.user ?? env.OUTFLOW_CLICKHOUSE_USER;
  const password = env.OUTFLOW_CLICKHOUSE_PASSWORD;
  return openEventStore({
    url,
    ...(user !== undefined ? { username: user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(values.database !== undefined ? { database: values.database } : {}),
    ...(values.table !== undefined ? { table: values.table } : {}),
  });
}

async function withStore<T>(store: EventStore, work: (store: EventStore) => Promise<T>): Promise<T> {
  try {
    return await work(store);
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function runInit(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const { values } = parseCommandArgs(argv, connectionOptions);
  if (values.help) return help(io);
  return withStore(connect(values, io.env), async (store) => {
    const version = await store.version();
    await store.init();
    io.stdout.write(`table ${store.table} ready on ClickHouse ${version}\n`);
    return EXIT.ok;
  });
}

async function runLoad(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, { ...connectionOptions, batch: { type: 'string' } });
  if (values.help) return help(io);
  if (positionals.length === 0) throw new CliUsageError('load needs at least one FILE (a JSONL log or an extension export, or - for stdin)', { showHelpHint: true });
  const batchSize = values.batch === undefined ? DEFAULT_BATCH : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) throw new CliUsageError('--batch must be a whole number from 1 to 1000000', { showHelpHint: true });
  checkInputs(positionals);
  return withStore(connect(values, io.env), async (store) => {
    await store.init();
    let loaded = 0;
    let invalid = 0;
    for (const path of positionals) {
      let rows: EventRow[] = [];
      const loadedAt = Date.now();
      const insert = async (): Promise<void> => {
        if (rows.length === 0) return;
        try {
          await store.insert(rows);
        } catch (error) {
          throw new ClickHouseUnavailableError(`${path}: a batch of ${rows.length} events was not loaded (${serverFailure(error)}). Loading is idempotent: run the same command again once the server accepts it.`);
        }
        loaded += rows.length;
        rows = [];
      };
      await readEventFile(path, io, {
        async onEvent(event) {
          rows.push(eventRow(event, loadedAt));
          if (rows.length >= batchSize) await insert();
        },
        onInvalid(lineNumber, reason) {
          invalid++;
          io.stderr.write(`outflow: ${path}:${lineNumber}: ${reason}\n`);
        },
      });
      await insert();
    }
    io.stdout.write(`${loaded} events loaded into ${store.table}${invalid > 0 ? `; ${invalid} invalid lines skipped` : ''}\n`);
    return invalid > 0 ? EXIT.usage : EXIT.ok;
  });
}

function readKey(values: { 'fingerprint-key-file'?: string | undefined }, env: NodeJS.ProcessEnv): string {
  let key: string | undefined;
  if (values['fingerprint-key-file'] !== undefined) {
    try {
      key = readFileSync(values['fingerprint-key-file'], 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new CliUsageError(`${values['fingerprint-key-file']}: ${describeFsError(error)}`);
    }
  } else key = env.OUTFLOW_FINGERPRINT_KEY;
  if (key === undefined || key === '') throw new CliUsageError('where needs the organisation fingerprint key: --fingerprint-key-file FILE or OUTFLOW_FINGERPRINT_KEY', { showHelpHint: true });
  if (keyBytes(key).length < MIN_KEY_BYTES) throw new CliUsageError(`the fingerprint key is ${keyBytes(key).length} bytes; an organisation key has at least ${MIN_KEY_BYTES}`);
  return key;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function runWhere(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const { values } = parseCommandArgs(argv, {
    ...connectionOptions,
    'value-stdin': { type: 'boolean' },
    'fingerprint-key-file': { type: 'string' },
    policy: { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) return help(io);
  // The value itself is never an argument: arguments are visible to every local user.
  if (!values['value-stdin']) throw new CliUsageError('where reads the value from stdin: pass --value-stdin (e.g. `outflow clickhouse where --url … --value-stdin < value.txt`)', { showHelpHint: true });
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  const key = readKey(values, io.env);
  const scanner = createScanner({ customDetectors: values.policy === undefined ? [] : policyDetectors(values.policy) });
  const value = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  if (value.trim() === '') throw new CliUsageError('no value on stdin');
  const fingerprints = valueFingerprints(value, key, scanner);
  const keyId = fingerprintKeyId(key);
  return withStore(connect(values, io.env), async (store) => {
    const rows = await store.query<Record<string, string>>(whereSql(store.table, fingerprints.map((f) => f.fingerprint), keyId));
    if (format === 'json') io.stdout.write(`${JSON.stringify({ readAs: fingerprints, keyId, events: rows })}\n`);
    else {
      io.stderr.write(`value read as ${fingerprints.map((f) => f.type).join(', ')}; fingerprint key ${keyId}\n`);
      io.stdout.write(rows.length === 0 ? 'no event carried this value\n' : formatTable(rows, ['time', 'app', 'origin', 'provider', 'decision', 'type', 'event']));
    }
    // Like grep: 0 when the value was found somewhere, 1 when it was not.
    return rows.length > 0 ? EXIT.ok : EXIT.found;
  });
}

function policyDetectors(path: string) {
  try {
    return loadPolicyFile(path).customDetectors;
  } catch (error) {
    if (OutflowError.isInstance(error)) throw new CliUsageError(error.message);
    throw error;
  }
}

async function runQuery(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, { ...connectionOptions, days: { type: 'string' }, format: { type: 'string' } });
  if (values.help) return help(io);
  const [name] = positionals;
  const query = SAVED_QUERIES.find((q) => q.name === name);
  if (!query) throw new CliUsageError(`query needs a saved query name: ${SAVED_QUERIES.map((q) => q.name).join(', ')}`, { showHelpHint: true });
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) throw new CliUsageError('--days must be a whole number from 1 to 36500', { showHelpHint: true });
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  return withStore(connect(values, io.env), async (store) => {
    const rows = await store.query<Record<string, unknown>>(savedQuerySql(query, store.table, days));
    io.stdout.write(format === 'json' ? `${JSON.stringify(rows)}\n` : formatTable(rows));
    return EXIT.ok;
  });
}

async function runQueries(argv: string[], io: ClickHouseIO): Promise<ExitCode> {
  const { values } = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) return help(io);
  for (const query of SAVED_QUERIES) io.stdout.write(`${query.name.padEnd(22)}${query.title}\n`);
  return EXIT.ok;
}

function help(io: ClickHouseIO): ExitCode {
  io.stdout.write(clickhouseHelp);
  return EXIT.ok;
}
