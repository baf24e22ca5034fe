import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addEvent, emptySession, summarise, SAMPLES_PER_TYPE } from '../../../extension/src/store/aggregate';
import { toStoredEvent } from '../../../extension/src/store/ingest';
import { matchesFilter } from '../../../extension/src/store/queries';
import type { FlowEvent } from '../../../sdk/src/schema';
import { emailFinding, flowEvent } from '../../e2e/helpers/flow-events';

const store = (event: FlowEvent, tabId = 3) => toStoredEvent(event, { origin: 'http://localhost:5173', receivedAt: 0, tabId });

describe('session aggregates', () => {
  test('fold calls, bytes, tokens, providers, models, findings, decisions and errors', () => {
    const events = [
      store(flowEvent({ sessionId: 's', seq: 0, bytes: 100, findings: [emailFinding(2)] })),
      store(flowEvent({ sessionId: 's', seq: 1, bytes: 50, decision: 'blocked' })),
      store(flowEvent({ sessionId: 's', seq: 2, bytes: 10, provider: 'anthropic', model: 'claude-sonnet-4', decision: 'redacted' })),
    ];
    const session = summarise(events).get('http://localhost:5173 s');
    assert.ok(session);
    assert.equal(session.calls, 3);
    assert.equal(session.bytesOut, 160);
    assert.equal(session.bytesIn, 1800, 'the blocked call had no response');
    assert.equal(session.tokensIn, 80);
    assert.deepEqual(session.providers, { openai: 2, anthropic: 1 });
    assert.deepEqual(session.models, { 'gpt-4o-mini': 2, 'claude-sonnet-4': 1 });
    assert.deepEqual(session.findingsByType, { EMAIL: 2 });
    assert.deepEqual(session.findingsByCategory, { pii: 2 });
    assert.deepEqual(session.samplesByType, { EMAIL: ['j•••@e•••.com'] });
    assert.deepEqual(session.decisions, { allowed: 1, blocked: 1, redacted: 1 });
    assert.equal(session.errors, 0, 'a block is a decision, not an error');
    assert.deepEqual(session.decisionKinds.sort(), ['allowed', 'blocked', 'redacted']);
    assert.equal(session.lastTabId, 3);
    const day = new Date(events[0]!.ts).toISOString().slice(0, 10);
    assert.deepEqual(session.byProviderDay[`openai ${day}`], { calls: 2, bytes: 150 });
  });

  test('incremental folding in arrival order equals recomputing in call order', () => {
    const events = [2, 0, 1].map((seq) => store(flowEvent({ sessionId: 'o', seq, findings: [emailFinding(seq + 1)] })));
    const incremental = emptySession(events[0]!);
    for (const event of events) addEvent(incremental, event);
    const recomputed = summarise(events).get(events[0]!.sessionKey)!;
    for (const field of ['calls', 'firstSeen', 'lastSeen', 'bytesOut', 'findingsByType', 'decisions', 'byProviderDay'] as const) {
      assert.deepEqual(incremental[field], recomputed[field], field);
    }
  });

  test('keeps at most a few distinct masked samples per type', () => {
    const findings = Array.from({ length: 6 }, (_, i) => ({ ...emailFinding(), samples: [{ preview: `u${i}•••@e•••.com` }] }));
    const session = summarise([store(flowEvent({ sessionId: 'm', findings }))]).get('http://localhost:5173 m')!;
    assert.equal(session.samplesByType.EMAIL?.length, SAMPLES_PER_TYPE);
  });

  test('filters combine with AND over the aggregate', () => {
    const session = summarise([store(flowEvent({ sessionId: 'f', findings: [emailFinding()], decision: 'redacted' }))]).get('http://localhost:5173 f')!;
    assert.equal(matchesFilter(session, { type: 'EMAIL', decision: 'redacted', provider: 'openai' }), true);
    assert.equal(matchesFilter(session, { type: 'EMAIL', decision: 'blocked' }), false);
    assert.equal(matchesFilter(session, { app: 'other-app' }), false);
    assert.equal(matchesFilter(session, { from: session.lastSeen + 1 }), false);
  });
});
