/**
 * Per-session totals over a stream of `FlowEvent`s, for `outflow report`. Memory grows with the
 * number of sessions (and their distinct destinations and finding types), never with the number
 * of events: each event is folded into its session's counters and dropped.
 */
import { isBlockErrorKind, isCoverageUnrecorded, type FlowEvent } from '../schema';

export interface DestinationSummary {
  provider: string;
  host: string;
  /** Absent when the calls carried no model name. */
  model?: string;
  calls: number;
}

export interface SessionSummary {
  app: string;
  sessionId: string;
  /** ISO timestamps of the earliest and latest call. */
  firstAt: string;
  lastAt: string;
  calls: number;
  destinations: DestinationSummary[];
  bytesSent: number;
  bytesReceived: number;
  tokensIn: number;
  tokensOut: number;
  /** Values found, by type: the sum of the findings' counts. */
  findingsByType: Record<string, number>;
  /** Calls whose decision was `blocked` / `redacted`. */
  blocked: number;
  redacted: number;
  /** Calls that ended with an error other than a policy block, by error kind. */
  errors: number;
  errorsByKind: Record<string, number>;
  /** Calls Outflow did not scan completely, including those whose producer recorded no coverage. */
  notFullyScanned: number;
  /** Parts not scanned, by reason; `not-recorded` counts calls from a producer that recorded no coverage (schema version 1). */
  unscannedByReason: Record<string, number>;
  /** Usage signals raised, by kind: the calls that carried one and its highest score. */
  signals: Record<string, { calls: number; maxScore: number }>;
  /** Budgets gone over, by id: calls marked (`log`) and refused (`block`). */
  budgets: Record<string, { marked: number; refused: number }>;
}

interface SessionState {
  app: string;
  sessionId: string;
  firstMs: number;
  firstAt: string;
  lastMs: number;
  lastAt: string;
  calls: number;
  destinations: Map<string, DestinationSummary>;
  bytesSent: number;
  bytesReceived: number;
  tokensIn: number;
  tokensOut: number;
  findingsByType: Map<string, number>;
  blocked: number;
  redacted: number;
  errorsByKind: Map<string, number>;
  notFullyScanned: number;
  unscannedByReason: Map<string, number>;
  signals: Map<string, { calls: number; maxScore: number }>;
  budgets: Map<string, { marked: number; refused: number }>;
}

/** Folds events into per-session summaries. */
export class SessionSummaries {
  // Keyed by app and session id: two apps may pick the same session id.
  private readonly sessions = new Map<string, SessionState>();

  get size(): number {
    return this.sessions.size;
  }

  add(event: FlowEvent): void {
    const key = `${event.source.app}\u0000${event.sessionId}`;
    const ms = Date.parse(event.timestamp);
    let s = this.sessions.get(key);
    if (!s) {
      s = {
        app: event.source.app,
        sessionId: event.sessionId,
        firstMs: ms,
        firstAt: event.timestamp,
        lastMs: ms,
        lastAt: event.timestamp,
        calls: 0,
        destinations: new Map(),
        bytesSent: 0,
        bytesReceived: 0,
        tokensIn: 0,
        tokensOut: 0,
        findingsByType: new Map(),
        blocked: 0,
        redacted: 0,
        errorsByKind: new Map(),
        notFullyScanned: 0,
        unscannedByReason: new Map(),
        signals: new Map(),
        budgets: new Map(),
      };
      this.sessions.set(key, s);
    }
    // Rotated files may be given in any order, so first/last come from the timestamps.
    if (ms < s.firstMs) {
      s.firstMs = ms;
      s.firstAt = event.timestamp;
    }
    if (ms > s.lastMs) {
      s.lastMs = ms;
      s.lastAt = event.timestamp;
    }
    s.calls++;

    const { provider, host, model } = event.destination;
    const destinationKey = `${provider}\u0000${host}\u0000${model ?? ''}`;
    const destination = s.destinations.get(destinationKey);
    if (destination) destination.calls++;
    else s.destinations.set(destinationKey, { provider, host, ...(model === undefined ? {} : { model }), calls: 1 });

    s.bytesSent += event.request.bytes;
    s.bytesReceived += event.response?.bytes ?? 0;
    s.tokensIn += event.response?.tokensIn ?? 0;
    s.tokensOut += event.response?.tokensOut ?? 0;
    for (const finding of event.findings) increment(s.findingsByType, finding.type, finding.count);
    if (event.decision === 'blocked') s.blocked++;
    if (event.decision === 'redacted') s.redacted++;
    // A block is counted as blocked, not as an error: it is policy working, not a failure.
    if (event.error && !isBlockErrorKind(event.error.kind)) increment(s.errorsByKind, event.error.kind, 1);
    for (const signal of event.signals ?? []) {
      const seen = s.signals.get(signal.kind) ?? { calls: 0, maxScore: 0 };
      seen.calls++;
      seen.maxScore = Math.max(seen.maxScore, signal.score);
      s.signals.set(signal.kind, seen);
    }
    for (const budget of event.budgets ?? []) {
      const seen = s.budgets.get(budget.id) ?? { marked: 0, refused: 0 };
      if (budget.action === 'block' && event.error?.kind === 'budget') seen.refused++;
      else if (budget.action === 'log') seen.marked++;
      s.budgets.set(budget.id, seen);
    }
    if (!event.coverage.complete) {
      s.notFullyScanned++;
      if (isCoverageUnrecorded(event.coverage)) increment(s.unscannedByReason, 'not-recorded', 1);
      for (const part of event.coverage.unscanned) increment(s.unscannedByReason, part.reason, 1);
    }
  }

  /** The summaries, earliest session first. */
  list(): SessionSummary[] {
    return [...this.sessions.values()]
      .sort((a, b) => a.firstMs - b.firstMs || a.app.localeCompare(b.app) || a.sessionId.localeCompare(b.sessionId))
      .map((s) => ({
        app: s.app,
        sessionId: s.sessionId,
        firstAt: s.firstAt,
        lastAt: s.lastAt,
        calls: s.calls,
        destinations: [...s.destinations.values()].sort((a, b) => b.calls - a.calls),
        bytesSent: s.bytesSent,
        bytesReceived: s.bytesReceived,
        tokensIn: s.tokensIn,
        tokensOut: s.tokensOut,
        findingsByType: sortedRecord(s.findingsByType),
        blocked: s.blocked,
        redacted: s.redacted,
        errors: sum(s.errorsByKind.values()),
        errorsByKind: sortedRecord(s.errorsByKind),
        notFullyScanned: s.notFullyScanned,
        unscannedByReason: sortedRecord(s.unscannedByReason),
        signals: Object.fromEntries([...s.signals].sort(([a], [b]) => a.localeCompare(b))),
        budgets: Object.fromEntries([...s.budgets].sort(([a], [b]) => a.localeCompare(b))),
      }));
  }
}

function increment(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Largest count first, then by name. */
function sortedRecord(map: Map<string, number>): Record<string, number> {
  const entries = [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return Object.fromEntries(entries);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
