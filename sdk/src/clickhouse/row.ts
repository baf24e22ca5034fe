/** A FlowEvent as a row of the organisation store (see table.ts), ready for `JSONEachRow`. */
import { genAiOperationName, genAiProviderName } from '../otel/genai';
import { coverageOf, type StoredFlowEvent } from '../schema';

/** An event as the extension stores and exports it: a FlowEvent plus the page origin it came from. */

export type EventRow = Record<string, string | number | string[] | number[]>;

/** The columns `eventRow` fills, in the table's order (see table.ts). */
export const EVENT_COLUMNS: readonly string[] = [
  'Timestamp', 'TimeUnixNano', 'EventName', 'SeverityText', 'SeverityNumber', 'ServiceName', 'Body', 'EventId', 'SessionId', 'Seq',
  'SourceKind', 'Runtime', 'SdkVersion', 'Origin', 'ProviderName', 'Provider', 'OperationName', 'Api', 'ServerAddress', 'UrlPath',
  'RequestModel', 'External', 'Decision', 'ErrorType', 'RequestMethod', 'RequestBytes', 'RequestChars', 'Attachments',
  'ResponseStatus', 'ResponseBytes', 'LatencyMs', 'InputTokens', 'OutputTokens', 'Streamed', 'CoverageComplete',
  'Unscanned.Where', 'Unscanned.Reason', 'Unscanned.Bytes',
  'Findings.Type', 'Findings.Category', 'Findings.Count', 'Findings.Field', 'Findings.Action', 'Findings.Confidence',
  'FindingsTotal', 'Fingerprints', 'FingerprintTypes', 'FingerprintKeyId', 'LoadedAt',
  'Budgets.Id', 'Budgets.Action', 'Budgets.Exceeded', 'Signals.Kind', 'Signals.Score', 'Signals.Window', 'Signals.Action',
];

/** `2025-01-01T12:34:56.789Z` → `2025-01-01 12:34:56`, the text form a `DateTime('UTC')` column reads. */
export function clickhouseDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function eventRow(event: StoredFlowEvent, loadedAt: number): EventRow {
  const ms = Date.parse(event.timestamp);
  const { destination, request, response } = event;
  const fingerprints: string[] = [];
  const fingerprintTypes: string[] = [];
  for (const finding of event.findings) {
    for (const sample of finding.samples) {
      if (sample.fingerprint === undefined) continue;
      fingerprints.push(sample.fingerprint);
      fingerprintTypes.push(finding.type);
    }
  }
  const coverage = coverageOf(event);
  const unscanned = coverage.unscanned;
  return {
    Timestamp: clickhouseDateTime(ms),
    TimeUnixNano: `${BigInt(ms) * 1_000_000n}`,
    EventName: 'outflow.flow',
    SeverityText: event.decision === 'blocked' ? 'WARN' : 'INFO',
    SeverityNumber: event.decision === 'blocked' ? 13 : 9,
    ServiceName: event.source.app,
    Body: JSON.stringify(event),
    EventId: event.id,
    SessionId: event.sessionId,
    Seq: event.seq,
    SourceKind: event.source.kind,
    Runtime: event.source.runtime,
    SdkVersion: event.source.sdkVersion,
    Origin: event.origin ?? '',
    ProviderName: genAiProviderName(destination),
    Provider: destination.provider,
    OperationName: genAiOperationName(event) ?? '',
    Api: destination.api,
    ServerAddress: destination.host,
    UrlPath: destination.path,
    RequestModel: destination.model ?? '',
    External: destination.external ? 1 : 0,
    Decision: event.decision,
    ErrorType: event.error?.kind ?? '',
    RequestMethod: request.method,
    RequestBytes: request.bytes,
    RequestChars: request.chars,
    Attachments: request.attachments.length,
    ResponseStatus: response?.status ?? 0,
    ResponseBytes: response?.bytes ?? 0,
    LatencyMs: response?.latencyMs ?? 0,
    InputTokens: response?.tokensIn ?? 0,
    OutputTokens: response?.tokensOut ?? 0,
    Streamed: response?.streamed ? 1 : 0,
    // An event from a producer that did not report coverage is never counted as complete.
    CoverageComplete: coverage.complete ? 1 : 0,
    'Unscanned.Where': unscanned.map((u) => u.where),
    'Unscanned.Reason': unscanned.map((u) => u.reason),
    'Unscanned.Bytes': unscanned.map((u) => u.bytes),
    'Findings.Type': event.findings.map((f) => f.type),
    'Findings.Category': event.findings.map((f) => f.category),
    'Findings.Count': event.findings.map((f) => f.count),
    'Findings.Field': event.findings.map((f) => f.field),
    'Findings.Action': event.findings.map((f) => f.action),
    'Findings.Confidence': event.findings.map((f) => f.confidence),
    FindingsTotal: event.findings.reduce((sum, f) => sum + f.count, 0),
    Fingerprints: fingerprints,
    FingerprintTypes: fingerprintTypes,
    FingerprintKeyId: event.fingerprintKeyId ?? '',
    LoadedAt: clickhouseDateTime(loadedAt),
    'Budgets.Id': (event.budgets ?? []).map((b) => b.id),
    'Budgets.Action': (event.budgets ?? []).map((b) => b.action),
    'Budgets.Exceeded': (event.budgets ?? []).map((b) => b.exceeded),
    'Signals.Kind': (event.signals ?? []).map((s) => s.kind),
    'Signals.Score': (event.signals ?? []).map((s) => s.score),
    'Signals.Window': (event.signals ?? []).map((s) => s.window),
    'Signals.Action': (event.signals ?? []).map((s) => s.action ?? 'log'),
  };
}
