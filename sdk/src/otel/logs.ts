/**
 * FlowEvents as OpenTelemetry log records (OTLP/JSON): one `outflow.flow` record per event,
 * carrying the GenAI semantic conventions where they apply and `outflow.*` attributes for the
 * rest, and one `gen_ai.security.finding` record per finding (the draft guardrail conventions:
 * a finding is a guardrail result, content appears only as keyed `hmac-sha256:` hashes).
 * Browser-safe: the SDK's `otlpSink` and the extension's organisation export both use it.
 */
import { coverageOf, type Finding, type FlowEvent, type StoredFlowEvent } from '../schema';
import { explainSignal } from '../signals/explain';
import { GUARDRAIL_ACTIONS, genAiOperationName, genAiProviderName } from './genai';

/** The log record names (`eventName`, and the `event.name` attribute for older collectors). */
export const FLOW_RECORD_NAME = 'outflow.flow';
export const FINDING_RECORD_NAME = 'gen_ai.security.finding';
export const SIGNAL_RECORD_NAME = 'outflow.signal';
/** Prefix of a fingerprint in exported records: what it is, so nobody mistakes it for a plain hash. */
export const FINGERPRINT_PREFIX = 'hmac-sha256:';

type Scalar = string | number | boolean;
export type AttributeValue = Scalar | readonly string[] | readonly number[];
export type AnyValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: AnyValue[] } };
export interface KeyValue {
  key: string;
  value: AnyValue;
}
export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: AnyValue;
  attributes: KeyValue[];
}

/** SeverityNumber values of the log data model: INFO and WARN. */
const SEVERITY = { info: { severityNumber: 9, severityText: 'INFO' }, warn: { severityNumber: 13, severityText: 'WARN' } } as const;

function anyValue(value: Scalar | readonly (string | number)[]): AnyValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item: string | number) => anyValue(item)) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value as string };
}

/** Attributes in order, without the ones the event does not have. */
function attributes(entries: readonly (readonly [string, AttributeValue | undefined])[]): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, value] of entries) if (value !== undefined) out.push({ key, value: anyValue(value as Scalar) });
  return out;
}

/** `error.type`: the HTTP status for an HTTP error (as the convention recommends), else our error kind. */
function errorType(event: FlowEvent): string | undefined {
  if (!event.error) return undefined;
  return event.error.kind === 'http' && event.response ? String(event.response.status) : event.error.kind;
}

function nanos(timestamp: string): string {
  return `${BigInt(Date.parse(timestamp)) * 1_000_000n}`;
}

/** Every sample fingerprint of a finding, prefixed with what it is. */
export function findingFingerprints(finding: Finding): string[] {
  const out: string[] = [];
  for (const sample of finding.samples) if (sample.fingerprint) out.push(FINGERPRINT_PREFIX + sample.fingerprint);
  return out;
}

/** The attributes that describe the event, shared by its flow record and its finding records. */
function eventAttributes(event: StoredFlowEvent): (readonly [string, AttributeValue | undefined])[] {
  const { destination } = event;
  return [
    ['gen_ai.provider.name', genAiProviderName(destination)],
    ['gen_ai.operation.name', genAiOperationName(event)],
    ['gen_ai.request.model', destination.model],
    ['server.address', destination.host || undefined],
    ['outflow.event.id', event.id],
    ['outflow.session.id', event.sessionId],
    ['outflow.app', event.source.app],
    ['outflow.decision', event.decision],
  ];
}

/** The `outflow.flow` record of one event. */
export function flowRecord(event: StoredFlowEvent, observedAt: Date = new Date()): OtlpLogRecord {
  const { destination, request, response } = event;
  const types: string[] = [];
  const counts: number[] = [];
  for (const finding of event.findings) {
    const at = types.indexOf(finding.type);
    if (at >= 0) counts[at]! += finding.count;
    else {
      types.push(finding.type);
      counts.push(finding.count);
    }
  }
  const coverage = coverageOf(event);
  return {
    timeUnixNano: nanos(event.timestamp),
    observedTimeUnixNano: `${BigInt(observedAt.getTime()) * 1_000_000n}`,
    ...(event.decision === 'blocked' ? SEVERITY.warn : SEVERITY.info),
    eventName: FLOW_RECORD_NAME,
    body: { stringValue: JSON.stringify(event) },
    attributes: attributes([
      ['event.name', FLOW_RECORD_NAME],
      ...eventAttributes(event),
      ['gen_ai.request.stream', request.stream],
      ['gen_ai.usage.input_tokens', response?.tokensIn],
      ['gen_ai.usage.output_tokens', response?.tokensOut],
      ['error.type', errorType(event)],
      ['http.request.method', request.method],
      ['http.response.status_code', response?.status],
      ['gen_ai.security.action.type', GUARDRAIL_ACTIONS[event.decision]],
      ['outflow.seq', event.seq],
      ['outflow.source.kind', event.source.kind],
      ['outflow.source.runtime', event.source.runtime],
      ['outflow.sdk.version', event.source.sdkVersion],
      ['outflow.origin', event.origin],
      ['outflow.destination.provider', destination.provider],
      ['outflow.destination.api', destination.api],
      ['outflow.destination.path', destination.path],
      ['outflow.destination.external', destination.external],
      ['outflow.request.bytes', request.bytes],
      ['outflow.request.chars', request.chars],
      ['outflow.response.bytes', response?.bytes],
      ['outflow.response.latency_ms', response?.latencyMs],
      ['outflow.response.streamed', response?.streamed],
      ['outflow.findings.types', types],
      ['outflow.findings.counts', counts],
      ['outflow.findings.total', counts.reduce((sum, n) => sum + n, 0)],
      ['outflow.findings.truncated', event.truncatedFindings],
      ['outflow.coverage.complete', coverage.complete],
      ['outflow.coverage.unscanned', coverage.unscanned.map((u) => `${u.where}:${u.reason}`)],
      ['outflow.fingerprint.key_id', event.fingerprintKeyId],
      ['outflow.budgets.exceeded', event.budgets?.map((b) => `${b.id}:${b.exceeded}`)],
      ['outflow.signals.kinds', event.signals?.map((signal) => signal.kind)],
    ]),
  };
}

/**
 * One `outflow.signal` record per usage signal the event carries (a signal stays on every event
 * while it is raised): the explanation as body, the score, window, action and evidence as attributes.
 */
export function signalRecords(event: FlowEvent, observedAt: Date = new Date()): OtlpLogRecord[] {
  const shared = eventAttributes(event);
  return (event.signals ?? []).map((signal) => ({
    timeUnixNano: nanos(event.timestamp),
    observedTimeUnixNano: `${BigInt(observedAt.getTime()) * 1_000_000n}`,
    ...(signal.action === 'warn' || signal.action === 'block' ? SEVERITY.warn : SEVERITY.info),
    eventName: SIGNAL_RECORD_NAME,
    body: { stringValue: explainSignal(signal) },
    attributes: attributes([
      ['event.name', SIGNAL_RECORD_NAME],
      ...shared,
      ['outflow.signal.kind', signal.kind],
      ['outflow.signal.score', signal.score],
      ['outflow.signal.window', signal.window],
      ['outflow.signal.action', signal.action],
      ['outflow.signal.calls', signal.evidence?.calls],
      ['outflow.signal.share', signal.evidence?.share],
      ['outflow.signal.ratio', signal.evidence?.ratio],
      ['outflow.signal.baseline_per_hour', signal.evidence?.baselinePerHour],
      ['outflow.signal.median_gap_ms', signal.evidence?.medianGapMs],
      ['outflow.signal.topics', signal.evidence?.topics],
    ]),
  }));
}

/** One `gen_ai.security.finding` record per finding of the event. */
export function findingRecords(event: StoredFlowEvent, observedAt: Date = new Date()): OtlpLogRecord[] {
  const shared = eventAttributes(event);
  return event.findings.map((finding) => ({
    timeUnixNano: nanos(event.timestamp),
    observedTimeUnixNano: `${BigInt(observedAt.getTime()) * 1_000_000n}`,
    ...(finding.action === 'block' ? SEVERITY.warn : SEVERITY.info),
    eventName: FINDING_RECORD_NAME,
    body: { stringValue: `${finding.type} ×${finding.count} in ${finding.field}` },
    attributes: attributes([
      ['event.name', FINDING_RECORD_NAME],
      ...shared,
      ['gen_ai.security.target.type', 'llm_input'],
      ['gen_ai.security.risk.category', finding.category],
      ['gen_ai.security.risk.score', finding.confidence],
      ['gen_ai.security.action.type', finding.action],
      ['outflow.finding.type', finding.type],
      ['outflow.finding.count', finding.count],
      ['outflow.finding.field', finding.field],
      ['outflow.finding.fingerprints', findingFingerprints(finding)],
    ]),
  }));
}

export interface ResourceInfo {
  /** `service.name` of the resource. */
  serviceName: string;
  /** Further resource attributes (`service.version`, `host.name`, …). */
  attributes?: Readonly<Record<string, string>>;
  /** The instrumentation scope: the producing package. */
  scope: { name: string; version?: string };
}

/** The OTLP/JSON `ExportLogsServiceRequest` for a batch of events. */
export function toExportLogsRequest(events: readonly StoredFlowEvent[], resource: ResourceInfo, observedAt: Date = new Date()): unknown {
  const logRecords: OtlpLogRecord[] = [];
  for (const event of events) logRecords.push(flowRecord(event, observedAt), ...findingRecords(event, observedAt), ...signalRecords(event, observedAt));
  return {
    resourceLogs: [
      {
        resource: { attributes: attributes([['service.name', resource.serviceName], ...Object.entries(resource.attributes ?? {})]) },
        scopeLogs: [{ scope: resource.scope.version ? resource.scope : { name: resource.scope.name }, logRecords }],
      },
    ],
  };
}
