/**
 * The organisation store against a real ClickHouse server (Debian's 18.16, started privately):
 * init, load of JSONL logs written by the SDK and of extension exports, idempotent reloads, the
 * saved queries, "where did this value go?", the service sink, and bad input.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createOutflow } from '../../../sdk/src/index';
import { clickhouseSink, jsonlSink, openEventStore, SAVED_QUERIES, savedQuerySql } from '../../../sdk/src/node';
import { fingerprintKeyId } from '../../../sdk/src/detect/fingerprint';
import { eventRow } from '../../../sdk/src/clickhouse/row';
import { emailFinding, flowEvent } from '../../e2e/helpers/flow-events';
import { buildExport } from '../../../extension/src/store/export';
import { publicSummary, sessionKeyOf, summarise } from '../../../extension/src/store/aggregate';
import type { StoredEvent } from '../../../extension/src/messages';
import { FLOW_EVENT_SCHEMA_VERSION, type FlowEvent } from '../../../sdk/src/schema';
import { freePort, startClickHouse, type ClickHouseServer } from '../../fixtures/clickhouse/server';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fake-provider/index';
import { runCli, tempDir } from '../cli/helpers';
import { AWS_KEY, CARD, EMAIL, OTHER_EMAIL } from '../intercept/helpers';

const ORG_KEY = 'acme-org-fingerprint-key-2026-q4-0123456789';
const DOCS = new URL('../../../docs/org.md', import.meta.url);

let server: ClickHouseServer;
let fake: FakeProvider;
const files = tempDir();

before(async () => {
  [server, fake] = await Promise.all([startClickHouse(), startFakeProvider()]);
});
after(async () => {
  await Promise.all([server?.stop(), fake?.close()]);
});

/** Real calls through the SDK with the org key, recorded to a JSONL log. */
async function serviceLog(name: string): Promise<{ path: string; events: FlowEvent[] }> {
  const path = join(files.dir, `${name}.jsonl`);
  const outflow = createOutflow({
    app: 'billing-service',
    fingerprintKey: ORG_KEY,
    providers: { '127.0.0.1': 'openai' },
    policy: { rules: [{ types: ['AWS_ACCESS_KEY'], action: 'block' }, { types: ['CREDIT_CARD'], action: 'redact' }] },
    sinks: [jsonlSink(path)],
  });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Invoice for ${EMAIL}` }] });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Refund ${CARD} for ${EMAIL}` }] });
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Nothing sensitive here` }] });
  await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `deploy with ${AWS_KEY}` }] }));
  await outflow.close();
  const events = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as FlowEvent);
  assert.equal(events.length, 4);
  return { path, events };
}

/** An extension export of events from an internal app's page, as the dashboard downloads it. */
async function extensionExport(name: string): Promise<string> {
  const recorded: FlowEvent[] = [];
  const outflow = createOutflow({
    app: 'support-copilot',
    fingerprintKey: ORG_KEY,
    sinks: [{ name: 'capture', write: (events) => void recorded.push(...events) }],
  });
  await outflow.fetch(`${fake.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `customer ${EMAIL} and ${OTHER_EMAIL}` }] }),
  }).then((r) => r.text());
  await outflow.close();
  const origin = 'https://support.acme.example';
  const stored: StoredEvent[] = recorded.map((event) => ({
    ...event,
    origin,
    sessionKey: sessionKeyOf(origin, event.sessionId),
    ts: Date.parse(event.timestamp),
    receivedAt: Date.parse(event.timestamp) + 5,
  }));
  const sessions = [...summarise(stored).values()].map(publicSummary);
  const doc = await buildExport(sessions, stored, { extensionVersion: '0.1.0' });
  const path = join(files.dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const cli = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) => runCli(['clickhouse', ...args], { ...(input !== undefined ? { input } : {}), env });

async function allSavedQueries(table: string): Promise<string> {
  const store = openEventStore({ url: server.url, table });
  try {
    const results: Record<string, unknown> = {};
    for (const query of SAVED_QUERIES) results[query.name] = await store.query(savedQuerySql(query, table, 3650));
    return JSON.stringify(results);
  } finally {
    await store.close();
  }
}

describe('outflow clickhouse', () => {
  test('init, load of a service log and an extension export, idempotent reload, saved queries', async () => {
    const table = 'events_load';
    const init = await cli(['init', '--url', server.url, '--table', table]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /ready on ClickHouse 18\./);
    assert.equal((await cli(['init', '--url', server.url, '--table', table])).code, 0, 'init twice is fine');

    const log = await serviceLog('service');
    const exported = await extensionExport('export');
    const load = await cli(['load', '--url', server.url, '--table', table, log.path, exported]);
    assert.equal(load.code, 0, load.stderr);
    assert.match(load.stdout, /^5 events loaded/);

    const before = await allSavedQueries(table);
    const again = await cli(['load', '--url', server.url, '--table', table, '--batch', '2', log.path, exported]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await allSavedQueries(table), before, 'loading the same files twice changes no query result');

    const results = JSON.parse(before) as Record<string, Record<string, unknown>[]>;
    const top = results['top-apps']!;
    const billing = top.find((r) => r.app === 'billing-service');
    assert.equal(billing?.provider, 'openai');
    assert.equal(Number(billing?.calls), 4);
    assert.equal(Number(billing?.blocked), 1);
    assert.equal(Number(billing?.redacted), 1);
    const byType = Object.fromEntries(results['findings-by-type']!.map((r) => [r.type, Number(r.findings)]));
    assert.deepEqual({ EMAIL: byType.EMAIL, CREDIT_CARD: byType.CREDIT_CARD, AWS_ACCESS_KEY: byType.AWS_ACCESS_KEY }, { EMAIL: 4, CREDIT_CARD: 1, AWS_ACCESS_KEY: 1 });
    const origins = results['sessions-per-origin']!.map((r) => r.origin);
    assert.ok(origins.includes('https://support.acme.example') && origins.includes('service:billing-service'));
    const trend = results['decisions-trend']!;
    assert.equal(trend.reduce((sum, r) => sum + Number(r.blocked), 0), 1);

    // The CLI runs the same saved queries.
    const query = await cli(['query', 'top-apps', '--url', server.url, '--table', table, '--format', 'json']);
    assert.equal(query.code, 0, query.stderr);
    assert.deepEqual(JSON.parse(query.stdout), top);

    // Nothing raw reached the store.
    const store = openEventStore({ url: server.url, table });
    const dump = JSON.stringify(await store.query(`SELECT * FROM ${table}`));
    await store.close();
    for (const raw of [EMAIL, OTHER_EMAIL, CARD, CARD.replace(/ /g, ''), AWS_KEY]) assert.ok(!dump.includes(raw), 'no raw value in the table');
  });

  test('where: the value is fingerprinted locally with the org key and found in every event that carried it', async () => {
    const table = 'events_where';
    const log = await serviceLog('where');
    const exported = await extensionExport('where-export');
    assert.equal((await cli(['load', '--url', server.url, '--table', table, log.path, exported])).code, 0);
    const keyFile = files.file('org.key', `${ORG_KEY}\n`);

    const found = await cli(['where', '--url', server.url, '--table', table, '--value-stdin', '--fingerprint-key-file', keyFile, '--format', 'json'], `${EMAIL.toUpperCase()}\n`);
    assert.equal(found.code, 0, found.stderr);
    const result = JSON.parse(found.stdout) as { keyId: string; readAs: { type: string }[]; events: Record<string, string>[] };
    assert.equal(result.keyId, fingerprintKeyId(ORG_KEY));
    assert.deepEqual(result.readAs.map((r) => r.type), ['EMAIL']);
    // Two billing calls and the extension's call carried the address; the clean call and the AWS one did not.
    assert.deepEqual(result.events.map((e) => [e.app, e.decision]).sort(), [['billing-service', 'allowed'], ['billing-service', 'redacted'], ['support-copilot', 'allowed']]);
    assert.ok(result.events.some((e) => e.origin === 'https://support.acme.example'));
    assert.ok(!found.stdout.includes(EMAIL) && !found.stderr.includes(EMAIL), 'the value is never printed');

    // The key from the environment, text output.
    const text = await cli(['where', '--url', server.url, '--table', table, '--value-stdin'], CARD, { OUTFLOW_FINGERPRINT_KEY: ORG_KEY });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stderr, /read as CREDIT_CARD/);
    assert.equal(text.stdout.trim().split('\n').length, 2, 'a header and one event');

    // Another key cannot find it; an unknown value is "not found" (exit 1).
    const otherKey = await cli(['where', '--url', server.url, '--table', table, '--value-stdin'], EMAIL, { OUTFLOW_FINGERPRINT_KEY: `${ORG_KEY}-rotated` });
    assert.equal(otherKey.code, 1);
    assert.match(otherKey.stdout, /no event carried this value/);
  });

  test('where refuses a missing or short key and a value on the command line', async () => {
    const noKey = await cli(['where', '--url', server.url, '--value-stdin'], EMAIL);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /fingerprint key/);
    const short = await cli(['where', '--url', server.url, '--value-stdin'], EMAIL, { OUTFLOW_FINGERPRINT_KEY: 'short' });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 32/);
    const noStdin = await cli(['where', '--url', server.url], undefined, { OUTFLOW_FINGERPRINT_KEY: ORG_KEY });
    assert.equal(noStdin.code, 2);
    assert.match(noStdin.stderr, /--value-stdin/);
  });

  test('bad input: invalid lines are named and skipped, an edited export or a newer schema is refused, a dead server exits 4', async () => {
    const table = 'events_bad';
    const { events } = await serviceLog('bad');
    const newer = { ...events[1], id: 'evt_from_the_future', schemaVersion: 99 };
    const mixed = files.file('mixed.jsonl', [JSON.stringify(events[0]), '{not json', JSON.stringify(newer), JSON.stringify({ hello: 'world' }), ''].join('\n'));
    const load = await cli(['load', '--url', server.url, '--table', table, mixed]);
    assert.equal(load.code, 2);
    assert.match(load.stdout, /^1 events loaded into events_bad; 3 invalid lines skipped/);
    assert.match(load.stderr, /mixed\.jsonl:2: not valid JSON/);
    assert.match(load.stderr, new RegExp(`mixed\\.jsonl:3: a FlowEvent of schema version 99, newer than this outflow reads \\(${FLOW_EVENT_SCHEMA_VERSION}\\): upgrade`));
    assert.match(load.stderr, /mixed\.jsonl:4: not a FlowEvent/);

    const exported = await extensionExport('edited');
    const doc = JSON.parse(readFileSync(exported, 'utf8'));
    doc.events[0].decision = 'allowed';
    doc.events[0].findings = [];
    const edited = files.file('edited.json', JSON.stringify(doc));
    const refused = await cli(['load', '--url', server.url, '--table', 'events_edited', edited]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /modified after export/);
    const store = openEventStore({ url: server.url, table: 'events_edited' });
    assert.deepEqual(await store.query('SELECT count() AS n FROM events_edited'), [{ n: '0' }]);
    await store.close();

    const dead = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await cli(['load', '--url', dead, mixed]);
    assert.equal(unreachable.code, 4);
    assert.match(unreachable.stderr, /ClickHouse failed: .*ECONNREFUSED/);
    const badUrl = await cli(['init', '--url', 'ftp://x']);
    assert.equal(badUrl.code, 2);
  });
});

test('rows round-trip through the server exactly, whatever characters their text holds', async () => {
  const nasty = `tab\there, new\nline, back\\slash, 'single' "double" é 😀 \r end`;
  const event = { ...flowEvent({ app: 'odd app \t name', findings: [{ ...emailFinding(2), field: `messages[0].${nasty}`, samples: [{ preview: nasty.slice(0, 60), fingerprint: 'a1b2c3d4e5f60718' }] }] }), origin: 'https://x.example' };
  const store = openEventStore({ url: server.url, table: 'events_roundtrip' });
  try {
    await store.init();
    await store.insert([eventRow(event, Date.now())]);
    const [row] = await store.query<{ body: string; fields: string[]; app: string; origin: string }>('SELECT Body AS body, `Findings.Field` AS fields, ServiceName AS app, Origin AS origin FROM events_roundtrip');
    assert.deepEqual(JSON.parse(row!.body), event);
    assert.deepEqual(row!.fields, [`messages[0].${nasty}`]);
    assert.equal(row!.app, 'odd app \t name');
    assert.equal(row!.origin, 'https://x.example');
  } finally {
    await store.close();
  }
});

describe('clickhouseSink', () => {
  test('a service writes its events to the store; a server that is down is retried, nothing lost', async () => {
    const port = await freePort();
    const sink = clickhouseSink({ url: `http://127.0.0.1:${port}`, table: 'events_sink', retryDelayMs: 50 });
    const errors: unknown[] = [];
    const outflow = createOutflow({ app: 'etl-service', fingerprintKey: ORG_KEY, sinks: [sink], onError: (e) => errors.push(e) });
    const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `mail ${EMAIL}` }] });
    await outflow.flush();
    assert.ok(errors.length > 0, 'the failed write is reported');
    assert.equal(sink.pending, 1, 'the event waits for a retry');

    const late = await startClickHouse({ httpPort: port });
    try {
      await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'second call' }] });
      await outflow.flush();
      assert.equal(sink.pending, 0);
      const store = openEventStore({ url: late.url, table: 'events_sink' });
      const rows = await store.query<{ app: string; findings: string; key: string }>('SELECT ServiceName AS app, FindingsTotal AS findings, FingerprintKeyId AS key FROM events_sink FINAL ORDER BY Seq');
      await store.close();
      assert.deepEqual(rows, [
        { app: 'etl-service', findings: 1, key: fingerprintKeyId(ORG_KEY) },
        { app: 'etl-service', findings: 0, key: fingerprintKeyId(ORG_KEY) },
      ]);
      await outflow.close();
      assert.equal(outflow.stats().dropped, 0);
    } finally {
      await late.stop();
    }
  });
});

test('docs/org.md ships the saved queries exactly as the CLI runs them', () => {
  const docs = readFileSync(DOCS, 'utf8');
  for (const query of SAVED_QUERIES) assert.ok(docs.includes(query.sql), `docs/org.md holds the SQL of ${query.name}`);
});
