/**
 * Builds the one `FlowEvent` that records a call, from what the wrapper learned along the way.
 * Two properties hold by construction: no event without an account of what was not scanned
 * (`unscanned` is required, and becomes `coverage`), and no string in it that was not masked
 * (see scrub.ts).
 */
import { coverageFrom, type UnscannedPart } from '../coverage';
import { FLOW_EVENT_SCHEMA_VERSION, type Decision, type Destination, type EventBudget, type EventSignal, type Finding, type FlowEvent } from '../schema';
import type { Attachment } from '../providers';
import type { TokenUsage } from '../providers/usage';
import { scrubEvent, type Scrubber } from './scrub';

export interface CallIdentity {
  id: string;
  /** ISO 8601, when the call started. */
  timestamp: string;
  /** performance.now() when the call started. */
  startedAt: number;
  /** Epoch ms when the call started, by the instance's clock (budgets and signals count by it). */
  epochMs: number;
}

export interface EventSource {
  sessionId: string;
  source: FlowEvent['source'];
  /** Masks every string of the event that could carry request data. */
  scrubber: Scrubber;
  /** Set when Outflow fingerprints the samples itself, under this key. */
  fingerprintKeyId?: string;
}

export interface EventParts {
  destination: Destination;
  method: string;
  requestBytes: number;
  chars: number;
  attachments: Attachment[];
  stream: boolean;
  findings: Finding[];
  truncatedFindings: number | undefined;
  decision: Decision;
  /** Every part of the request that was not scanned, whatever the reason; none means all of it was. */
  unscanned: readonly UnscannedPart[];
  response?: { status: number; bytes: number; endedAt: number; headersAt: number; streamed: boolean; usage: TokenUsage };
  error?: FlowEvent['error'];
  /** Budgets the call went over. */
  budgets?: EventBudget[];
  /** Signals raised while the call was made. */
  signals?: EventSignal[];
}

/** `seq` is claimed when the call is recorded, so a call that is not recorded (a client's retry of a blocked call) leaves no gap. */
export function buildEvent(call: CallIdentity, seq: number, origin: EventSource, parts: EventParts): FlowEvent {
  const destination: Destination = { ...parts.destination, host: parts.destination.host.slice(0, 255) };
  const event: FlowEvent = {
    schemaVersion: FLOW_EVENT_SCHEMA_VERSION,
    id: call.id,
    timestamp: call.timestamp,
    sessionId: origin.sessionId,
    seq,
    source: origin.source,
    destination,
    request: {
      method: parts.method,
      bytes: parts.requestBytes,
      chars: parts.chars,
      attachments: parts.attachments,
      stream: parts.stream,
    },
    findings: parts.findings,
    decision: parts.decision,
    coverage: coverageFrom(parts.unscanned),
  };
  if (parts.truncatedFindings !== undefined) event.truncatedFindings = parts.truncatedFindings;
  if (parts.response) {
    const r = parts.response;
    event.response = {
      status: r.status,
      bytes: r.bytes,
      latencyMs: round(r.endedAt - call.startedAt),
      ttfbMs: round(r.headersAt - call.startedAt),
      streamed: r.streamed,
    };
    if (r.usage.tokensIn !== undefined) event.response.tokensIn = r.usage.tokensIn;
    if (r.usage.tokensOut !== undefined) event.response.tokensOut = r.usage.tokensOut;
  }
  if (parts.error) event.error = { kind: parts.error.kind, message: parts.error.message };
  if (origin.fingerprintKeyId !== undefined) event.fingerprintKeyId = origin.fingerprintKeyId;
  if (parts.budgets !== undefined && parts.budgets.length > 0) event.budgets = parts.budgets;
  if (parts.signals !== undefined && parts.signals.length > 0) event.signals = parts.signals;
  return scrubEvent(event, origin.scrubber);
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 100) / 100);
}
