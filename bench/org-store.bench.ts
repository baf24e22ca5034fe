/**
 * The organisation store: 1,000,000 realistic events loaded into a private ClickHouse server
 * (rows/s of the INSERTs, and of mapping events to rows), every saved query and the fingerprint
 * search timed over them (median of 5, reading FINAL), the CLI's `load` of a JSONL log (parse,
 * validation and insert, rows/s), and OTLP encoding of events (events/s).
 *
 *   npx tsx bench/run.ts org-store
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventRow } from '../sdk/src/clickhouse/row';
import { SAVED_QUERIES, savedQuerySql, whereSql } from '../sdk/src/clickhouse/queries';
import { openEventStore } from '../sdk/src/clickhouse/store';
import { toExportLogsRequest } from '../sdk/src/otel/logs';
import { startClickHouse } from '../test/fixtures/clickhouse/server';
import { realisticSessions } from './realistic-events';

const TOTAL = 1_000_000;
const BATCH = 50_000;
const CLI_EVENTS = 100_000;
const RUNS = 5;
const BIN = resolve(import.meta.dirname, '../sdk/bin/outflow.mjs');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export default async function orgStoreBench(): Promise<unknown> {
  const server = await startClickHouse();
  const store = openEventStore({ url: server.url, table: 'bench_events', requestTimeoutMs: 600_000 });
  const work = mkdtempSync(join(tmpdir(), 'outflow-bench-org-'));
  try {
    await store.init();
    let mapMs = 0;
    let insertMs = 0;
    let someFingerprint = '';
    for (let done = 0, seed = 1; done < TOTAL; seed++) {
      const events = realisticSessions(Math.min(BATCH, TOTAL - done), seed).flat();
      const loadedAt = Date.now();
      let t = performance.now();
      const rows = events.map((event) => eventRow(event, loadedAt));
      mapMs += performance.now() - t;
      someFingerprint ||= (rows.find((r) => (r.Fingerprints as string[]).length > 0)?.Fingerprints as string[] | undefined)?.[0] ?? '';
      t = performance.now();
      await store.insert(rows);
      insertMs += performance.now() - t;
      done += events.length;
    }
    const [{ n } = { n: '0' }] = await store.query<{ n: string }>('SELECT count() AS n FROM bench_events');

    const queries: Record<string, { medianMs: number; rows: number }> = {};
    const timed = async (name: string, sql: string) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        rows = (await store.query(sql)).length;
        times.push(performance.now() - t);
      }
      queries[name] = { medianMs: round(median(times)), rows };
    };
    for (const query of SAVED_QUERIES) await timed(query.name, savedQuerySql(query, 'bench_events', 3650));
    await timed('where (fingerprint search)', whereSql('bench_events', [someFingerprint], '0000000000000000'));

    // The CLI path: JSON parsing and schema validation of every line, then the same inserts.
    const cliEvents = realisticSessions(CLI_EVENTS, 999).flat();
    const log = join(work, 'events.jsonl');
    writeFileSync(log, cliEvents.map((e) => JSON.stringify(e)).join('\n'));
    const t = performance.now();
    const cli = spawnSync(process.execPath, [BIN, 'clickhouse', 'load', '--url', server.url, '--table', 'bench_cli', log], { encoding: 'utf8' });
    const cliMs = performance.now() - t;
    if (cli.status !== 0) throw new Error(`outflow clickhouse load failed: ${cli.stderr}`);

    const otlpEvents = cliEvents.slice(0, 20_000);
    const o = performance.now();
    const encoded = JSON.stringify(toExportLogsRequest(otlpEvents, { serviceName: 'bench', scope: { name: '@outflow/sdk' } }));
    const otlpMs = performance.now() - o;

    return {
      server: `ClickHouse ${server.version} (private instance)`,
      load: {
        events: Number(n),
        insertSeconds: round(insertMs / 1000, 2),
        rowsPerSecond: Math.round(TOTAL / (insertMs / 1000)),
        rowMappingPerSecond: Math.round(TOTAL / (mapMs / 1000)),
        batch: BATCH,
      },
      savedQueries: { over: `${TOTAL} events, FINAL`, ...queries },
      cliLoad: { events: CLI_EVENTS, seconds: round(cliMs / 1000, 2), rowsPerSecond: Math.round(CLI_EVENTS / (cliMs / 1000)), note: 'process start, JSON parse, zod validation, row mapping and INSERTs' },
      otlpEncoding: { events: otlpEvents.length, eventsPerSecond: Math.round(otlpEvents.length / (otlpMs / 1000)), bytesPerEvent: Math.round(encoded.length / otlpEvents.length) },
    };
  } finally {
    await store.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
