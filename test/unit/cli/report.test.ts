import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FLOW_EVENT_SCHEMA_VERSION, FlowEventSchema, type FlowEvent } from '../../../sdk/src/schema';
import { SessionSummaries } from '../../../sdk/src/cli/session-summary';
import { runCli, tempDir } from './helpers';

const tmp = tempDir();

let nextId = 0;
/** A schema-valid event; `overrides` replaces whole top-level fields; `noResponse` for a call that never got one. */
function makeEvent(overrides: Partial<FlowEvent> & Pick<FlowEvent, 'sessionId' | 'timestamp'>, noResponse = false): FlowEvent {
  const event: FlowEvent = {
    schemaVersion: FLOW_EVENT_SCHEMA_VERSION,
    id: `evt_${String(nextId++).padStart(8, '0')}`,
    seq: 0,
    source: { kind: 'sdk', sdkVersion: '0.1.0', app: 'support-assistant', runtime: 'node' },
    destination: { provider: 'openai', api: 'openai-chat', host: 'api.openai.com', path: '/v1/chat/completions', model: 'gpt-4o-mini', external: true },
    request: { method: 'POST', bytes: 1000, chars: 800, attachments: [] },
    response: { status: 200, bytes: 2000, latencyMs: 120, streamed: false, tokensIn: 50, tokensOut: 20 },
    findings: [],
    decision: 'allowed',
    coverage: { complete: true, unscanned: [] },
    ...overrides,
  };
  if (noResponse) delete event.response;
  return FlowEventSchema.parse(event);
}

const emailFinding = (count: number) => ({
  type: 'EMAIL',
  category: 'pii' as const,
  count,
  confidence: 0.95,
  field: 'messages[0].content',
  samples: [{ preview: 'j•••@a•••.io' }],
  action: 'log' as const,
});

/** Session A: three calls over two destinations, with findings, a block, a redaction and an HTTP error. Session B: one call. */
function sampleEvents(): FlowEvent[] {
  return [
    makeEvent({ sessionId: 'sess-a', timestamp: '2025-03-01T10:00:00.000Z', findings: [emailFinding(2)] }),
    makeEvent({
      sessionId: 'sess-b',
      timestamp: '2025-03-01T11:00:00.000Z',
      source: { kind: 'sdk', sdkVersion: '0.1.0', app: 'hr-bot', runtime: 'browser' },
    }),
    makeEvent({
      sessionId: 'sess-a',
      seq: 1,
      timestamp: '2025-03-01T10:05:00.000Z',
      destination: { provider: 'anthropic', api: 'anthropic-messages', host: 'api.anthropic.com', path: '/v1/messages', model: 'claude-sonnet-4', external: true },
      findings: [{ ...emailFinding(1), action: 'redact' }, { type: 'AWS_ACCESS_KEY', category: 'secret', count: 1, confidence: 0.99, field: 'system', samples: [], action: 'redact' }],
      decision: 'redacted',
      response: { status: 500, bytes: 100, latencyMs: 30, streamed: false },
      error: { kind: 'http', message: 'HTTP 500' },
    }),
    makeEvent(
      {
        sessionId: 'sess-a',
        seq: 2,
        timestamp: '2025-03-01T09:59:00.000Z',
        findings: [{ type: 'AWS_ACCESS_KEY', category: 'secret', count: 1, confidence: 0.99, field: 'messages[1].content', samples: [], action: 'block' }],
        decision: 'blocked',
        request: { method: 'POST', bytes: 0, chars: 500, attachments: [] },
        error: { kind: 'blocked', message: 'blocked by policy: AWS_ACCESS_KEY ×1' },
      },
      true,
    ),
  ];
}

describe('SessionSummaries', () => {
  test('folds events into per-session totals', () => {
    const summaries = new SessionSummaries();
    for (const event of sampleEvents()) summaries.add(event);
    const [a, b] = summaries.list();
    assert.equal(summaries.size, 2);
    assert.equal(a?.sessionId, 'sess-a');
    assert.equal(a?.firstAt, '2025-03-01T09:59:00.000Z', 'first/last come from timestamps, not line order');
    assert.equal(a?.lastAt, '2025-03-01T10:05:00.000Z');
    assert.equal(a?.calls, 3);
    assert.deepEqual(a?.destinations, [
      { provider: 'openai', host: 'api.openai.com', model: 'gpt-4o-mini', calls: 2 },
      { provider: 'anthropic', host: 'api.anthropic.com', model: 'claude-sonnet-4', calls: 1 },
    ]);
    assert.deepEqual(a?.findingsByType, { EMAIL: 3, AWS_ACCESS_KEY: 2 });
    assert.deepEqual([a?.blocked, a?.redacted, a?.errors, a?.errorsByKind], [1, 1, 1, { http: 1 }]);
    assert.equal(a?.bytesSent, 2000);
    assert.equal(a?.bytesReceived, 2100);
    assert.deepEqual([a?.tokensIn, a?.tokensOut], [50, 20]);
    assert.deepEqual([b?.app, b?.calls], ['hr-bot', 1]);
  });

  test('counts errors by kind, but not policy blocks', () => {
    const summaries = new SessionSummaries();
    summaries.add(makeEvent({ sessionId: 's', timestamp: '2025-03-01T10:00:00Z', error: { kind: 'network', message: 'ECONNRESET' } }));
    summaries.add(makeEvent({ sessionId: 's', timestamp: '2025-03-01T10:01:00Z', error: { kind: 'http', message: 'HTTP 500' } }));
    summaries.add(makeEvent({ sessionId: 's', timestamp: '2025-03-01T10:02:00Z', decision: 'blocked', error: { kind: 'blocked', message: 'blocked' } }));
    const [s] = summaries.list();
    assert.deepEqual([s?.errors, s?.errorsByKind, s?.blocked], [2, { http: 1, network: 1 }, 1]);
  });
});

describe('outflow report', () => {
  const events = sampleEvents();
  const rotated = tmp.file('flow.1.jsonl', `${events.slice(0, 2).map((e) => JSON.stringify(e)).join('\n')}\n`);
  const current = tmp.file(
    'flow.jsonl',
    [
      JSON.stringify(events[2]),
      '{"schemaVersion":1,"id":"evt_broken","note":"hunter2-secret-value"}',
      'not json at all hunter2',
      JSON.stringify(events[3]),
      '',
    ].join('\n'),
  );

  test('json: sessions across rotated files, invalid lines counted and named without their content', async () => {
    const run = await runCli(['report', '--format', 'json', rotated, current]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      sessions: { sessionId: string; calls: number; findingsByType: Record<string, number>; blocked: number; redacted: number }[];
      totals: { sessions: number; events: number; files: number; invalidLines: number };
      invalidLines: { file: string; line: number; reason: string }[];
    };
    assert.deepEqual(report.totals, { sessions: 2, events: 4, files: 2, invalidLines: 2 });
    assert.deepEqual(
      report.sessions.map((s) => [s.sessionId, s.calls, s.blocked, s.redacted]),
      [
        ['sess-a', 3, 1, 1],
        ['sess-b', 1, 0, 0],
      ],
    );
    assert.deepEqual(report.sessions[0]?.findingsByType, { EMAIL: 3, AWS_ACCESS_KEY: 2 });
    assert.deepEqual(
      report.invalidLines.map((l) => [l.file, l.line]),
      [
        [current, 2],
        [current, 3],
      ],
    );
    assert.match(report.invalidLines[0]?.reason ?? '', /not a FlowEvent: .*timestamp|not a FlowEvent: /);
    assert.equal(report.invalidLines[1]?.reason, 'not valid JSON');
    assert.ok(run.stderr.includes(`${current}:2: not a FlowEvent`), run.stderr);
    assert.ok(run.stderr.includes(`${current}:3: not valid JSON`));
    assert.ok(!run.stdout.includes('hunter2') && !run.stderr.includes('hunter2'));
  });

  test('text, from stdin', async () => {
    const input = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
    const run = await runCli(['report', '-'], { input });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /session sess-a {2}app support-assistant/);
    assert.match(run.stdout, /calls +3 +blocked 1 +redacted 1/);
    assert.match(run.stdout, /openai {2}api\.openai\.com {2}gpt-4o-mini {2}\(2 calls\)/);
    assert.match(run.stdout, /findings +EMAIL 3, AWS_ACCESS_KEY 2/);
    assert.match(run.stdout, /2 sessions, 4 events from 1 file\n$/);
  });

  test('exit 2 when nothing valid was read, or on bad usage', async () => {
    const junk = tmp.file('junk.jsonl', 'nope\n{"also":"not an event"}\n');
    const run = await runCli(['report', junk]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /junk\.jsonl:1: not valid JSON/);
    assert.match(run.stderr, /no valid event/);
    assert.equal((await runCli(['report'])).code, 2);
    assert.equal((await runCli(['report', `${tmp.dir}/absent.jsonl`])).code, 2);
    assert.equal((await runCli(['report', '--format', 'yaml', rotated])).code, 2);
  });
});
