/**
 * Synthetic `FlowEvent`s for the extension's tests: valid against the shared schema, with
 * masked samples only (no raw values, not even fake ones).
 */
import { FLOW_EVENT_SCHEMA_VERSION, type Decision, type FlowEvent } from '../../../sdk/src/schema';

let counter = 0;

export interface FlowEventOverrides {
  id?: string;
  sessionId?: string;
  seq?: number;
  app?: string;
  provider?: string;
  model?: string;
  /** ISO time; default: now. */
  timestamp?: string;
  decision?: Decision;
  bytes?: number;
  findings?: FlowEvent['findings'];
}

/** One event; ids are unique per process unless given. */
export function flowEvent(overrides: FlowEventOverrides = {}): FlowEvent {
  counter += 1;
  const decision = overrides.decision ?? 'allowed';
  return {
    schemaVersion: FLOW_EVENT_SCHEMA_VERSION,
    id: overrides.id ?? `evt_${process.pid}_${counter.toString().padStart(6, '0')}`,
    timestamp: overrides.timestamp ?? new Date().toISOString(),
    sessionId: overrides.sessionId ?? 'session-1',
    seq: overrides.seq ?? counter,
    source: { kind: 'sdk', sdkVersion: '0.1.0', app: overrides.app ?? 'support-assistant', runtime: 'browser' },
    destination: {
      provider: overrides.provider ?? 'openai',
      api: 'openai-chat',
      host: 'api.openai.com',
      path: '/v1/chat/completions',
      model: overrides.model ?? 'gpt-4o-mini',
      external: true,
    },
    request: { method: 'POST', bytes: overrides.bytes ?? 512, chars: 300, attachments: [] },
    ...(decision === 'blocked'
      ? { error: { kind: 'blocked' as const, message: 'Blocked by policy: CREDIT_CARD ×1' } }
      : { response: { status: 200, bytes: 900, latencyMs: 12.5, streamed: false, tokensIn: 40, tokensOut: 25 } }),
    findings: overrides.findings ?? [],
    decision,
    coverage: { complete: true, unscanned: [] },
  };
}

/** An EMAIL finding with a masked sample, as the scanner would report it. */
export function emailFinding(count = 1): FlowEvent['findings'][number] {
  return {
    type: 'EMAIL',
    category: 'pii',
    count,
    confidence: 0.95,
    field: 'messages[0].content',
    samples: [{ preview: 'j•••@e•••.com', fingerprint: 'a1b2c3d4e5f60718' }],
    action: 'log',
  };
}

/** `count` events of one session, seq 0..count-1. */
export function flowEvents(count: number, overrides: FlowEventOverrides = {}): FlowEvent[] {
  return Array.from({ length: count }, (_, seq) => flowEvent({ ...overrides, seq }));
}
