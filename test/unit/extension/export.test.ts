import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExport, ExportTooLargeError, MAX_EXPORT_CHARS, validateImport } from '../../../extension/src/store/export';
import { publicSummary, summarise } from '../../../extension/src/store/aggregate';
import { toStoredEvent } from '../../../extension/src/store/ingest';
import { emailFinding, flowEvent } from '../../e2e/helpers/flow-events';

const ORIGIN = 'http://localhost:5173';

function storedFixture() {
  const events = [
    flowEvent({ sessionId: 's1', seq: 0, findings: [emailFinding(2)] }),
    flowEvent({ sessionId: 's1', seq: 1, decision: 'blocked' }),
    flowEvent({ sessionId: 's2', seq: 0, provider: 'anthropic', model: 'claude-sonnet-4' }),
  ].map((event) => toStoredEvent(event, { origin: ORIGIN, receivedAt: 1_700_000_000_000, tabId: 7 }));
  const sessions = [...summarise(events).values()].map(publicSummary);
  return { events, sessions };
}

async function exported() {
  const { events, sessions } = storedFixture();
  return JSON.parse(JSON.stringify(await buildExport(sessions, events, { extensionVersion: '0.1.0' }))) as Record<string, unknown> & {
    sessions: Record<string, unknown>[];
    events: Record<string, unknown>[];
  };
}

describe('export document', () => {
  test('round-trips: a fresh export validates and returns its sessions and events', async () => {
    const doc = await exported();
    assert.equal(doc.format, 'outflow-export');
    assert.equal(doc.schemaVersion, 2);
    const { sessions, events } = await validateImport(doc);
    assert.equal(sessions.length, 2);
    assert.equal(events.length, 3);
  });

  test('an export of schema version 1 (before the hash chain) still imports', async () => {
    const doc = await exported();
    const { events, sessions } = await validateImport({ ...doc, schemaVersion: 1 });
    assert.deepEqual([sessions.length, events.length], [2, 3]);
  });

  test('an edited count is caught by the digest', async () => {
    const doc = await exported();
    doc.sessions[0]!.calls = 99;
    await assert.rejects(validateImport(doc), /modified after export: its SHA-256 digest/);
  });

  test('a session whose aggregates do not add up is rejected, naming the fields, even with a recomputed digest', async () => {
    const { events, sessions } = storedFixture();
    const tampered = sessions.map((s) => (s.sessionId === 's1' ? { ...s, calls: 5, bytesOut: 1 } : s));
    const doc = JSON.parse(JSON.stringify(await buildExport(tampered, events, { extensionVersion: '0.1.0' })));
    await assert.rejects(validateImport(doc), /Session "http:\/\/localhost:5173 s1": calls, bytesOut do not add up from its events/);
  });

  test('events without their session, and sessions without events, are rejected', async () => {
    const { events, sessions } = storedFixture();
    const orphan = JSON.parse(JSON.stringify(await buildExport(sessions.slice(1), events, { extensionVersion: '0.1.0' })));
    await assert.rejects(validateImport(orphan), /Events of session "http:\/\/localhost:5173 s1" are in the file but the session is not/);
    const empty = JSON.parse(JSON.stringify(await buildExport(sessions, events.slice(2), { extensionVersion: '0.1.0' })));
    await assert.rejects(validateImport(empty), /has no events in the file/);
  });

  test('a sessionKey that does not match its origin is rejected', async () => {
    const { events, sessions } = storedFixture();
    const moved = events.map((e) => ({ ...e, origin: 'https://elsewhere.example' }));
    const doc = JSON.parse(JSON.stringify(await buildExport(sessions, moved, { extensionVersion: '0.1.0' })));
    await assert.rejects(validateImport(doc), /sessionKey does not match its origin and sessionId/);
  });

  test('foreign files are rejected with what is wrong', async () => {
    await assert.rejects(validateImport([1, 2]), /not a JSON object/);
    await assert.rejects(validateImport({ format: 'something-else' }), /format: not an Outflow export/);
    const doc = await exported();
    await assert.rejects(validateImport({ ...doc, schemaVersion: 7 }), /schemaVersion: an export schema version this extension does not read/);
    const broken = await exported();
    broken.events[0]!.decision = 'maybe';
    await assert.rejects(validateImport(broken), /events\.0\.decision/);
  });

  test('an export beyond what one runtime message carries is refused with a way out', async () => {
    const { events, sessions } = storedFixture();
    const huge = [{ ...events[0]!, destination: { ...events[0]!.destination, path: 'x'.repeat(MAX_EXPORT_CHARS) } }];
    await assert.rejects(buildExport(sessions, huge, { extensionVersion: '0.1.0' }), (error) => error instanceof ExportTooLargeError && /export in parts/.test(error.message));
  });
});
