/**
 * Schema version 2 makes `coverage` part of every event. Version 1 events (older SDKs, older
 * exports and logs) are still read, and never as completely scanned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionSummaries } from '../../../sdk/src/cli/session-summary';
import { reportText } from '../../../sdk/src/cli/report-format';
import { coverageOf, FLOW_EVENT_SCHEMA_VERSION, FlowEventSchema, isCoverageUnrecorded, PageToExtensionSchema } from '../../../sdk/src/schema';

const v1 = {
  schemaVersion: 1,
  id: 'evt_00000001',
  timestamp: '2025-03-01T10:00:00.000Z',
  sessionId: 's1',
  seq: 0,
  source: { sdkVersion: '0.1.0', app: 'support-assistant', runtime: 'browser' },
  destination: { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: '/v1/chat/completions', external: true },
  request: { method: 'POST', bytes: 10, chars: 10, attachments: [] },
  findings: [],
  decision: 'allowed',
};

test('a version 1 event is read with coverage not recorded: not complete, whatever it claims', () => {
  for (const event of [v1, { ...v1, coverage: { complete: true, unscanned: [] } }]) {
    const parsed = FlowEventSchema.parse(event);
    assert.equal(parsed.schemaVersion, 1);
    assert.deepEqual(parsed.coverage, { complete: false, unscanned: [] });
    assert.equal(isCoverageUnrecorded(parsed.coverage), true);
  }
  assert.equal(PageToExtensionSchema.parse({ channel: 'outflow', v: 1, type: 'events', events: [v1] }).type, 'events');
});

test('a current event must carry coverage, and cannot claim complete while listing unscanned parts', () => {
  const current = { ...v1, schemaVersion: FLOW_EVENT_SCHEMA_VERSION };
  assert.equal(FlowEventSchema.safeParse(current).success, false);
  assert.equal(FlowEventSchema.safeParse({ ...current, coverage: { complete: true, unscanned: [] } }).success, true);
  const listed = { complete: true, unscanned: [{ where: 'body', reason: 'binary', bytes: 4 }] };
  assert.equal(FlowEventSchema.safeParse({ ...current, coverage: listed }).success, false);
  assert.equal(FlowEventSchema.safeParse({ ...current, coverage: { ...listed, complete: false } }).success, true);
  assert.equal(FlowEventSchema.safeParse({ ...current, coverage: { complete: false, unscanned: [{ where: 'body', reason: 'unknown', bytes: 4 }] } }).success, false);
  assert.equal(FlowEventSchema.safeParse({ ...current, schemaVersion: 3, coverage: { complete: true, unscanned: [] } }).success, false);
});

test('coverageOf reads an event stored before coverage existed as not recorded', () => {
  assert.deepEqual(coverageOf({}), { complete: false, unscanned: [] });
  assert.deepEqual(coverageOf({ coverage: { complete: true, unscanned: [] } }), { complete: true, unscanned: [] });
});

test('outflow report counts the calls not fully scanned, by reason, version 1 events as not recorded', () => {
  const summaries = new SessionSummaries();
  const current = { ...v1, schemaVersion: FLOW_EVENT_SCHEMA_VERSION };
  summaries.add(FlowEventSchema.parse(v1));
  summaries.add(FlowEventSchema.parse({ ...current, id: 'evt_00000002', coverage: { complete: true, unscanned: [] } }));
  summaries.add(
    FlowEventSchema.parse({
      ...current,
      id: 'evt_00000003',
      coverage: { complete: false, unscanned: [{ where: 'file', reason: 'size', bytes: 9e6 }, { where: 'body', reason: 'binary', bytes: 5 }] },
    }),
  );
  const [session] = summaries.list();
  assert.equal(session?.notFullyScanned, 2);
  assert.deepEqual(session?.unscannedByReason, { binary: 1, 'not-recorded': 1, size: 1 });
  const text = reportText({ sessions: summaries.list(), totals: { sessions: 1, events: 3, files: 1, invalidLines: 0 }, invalidLines: [] });
  assert.match(text, /coverage {6}2 of 3 calls not fully scanned \(binary 1, not-recorded 1, size 1\)/);
});
