/** How `outflow report` prints its summaries: a readable text layout, or one JSON document. */
import type { SessionSummary } from './session-summary';

export interface InvalidLine {
  file: string;
  line: number;
  /** Why the line was rejected (a zod issue or "not valid JSON"), never its content. */
  reason: string;
}

export interface Report {
  sessions: SessionSummary[];
  totals: {
    sessions: number;
    events: number;
    files: number;
    invalidLines: number;
  };
  /** The first invalid lines, with where and why. */
  invalidLines: InvalidLine[];
}

export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function reportText(report: Report): string {
  const out: string[] = [];
  for (const s of report.sessions) {
    out.push(`session ${s.sessionId}  app ${s.app}`);
    out.push(`  time          ${s.firstAt} → ${s.lastAt}`);
    out.push(`  calls         ${s.calls}   blocked ${s.blocked}   redacted ${s.redacted}   errors ${s.errors}${kinds(s.errorsByKind)}`);
    out.push(`  data          sent ${formatBytes(s.bytesSent)}   received ${formatBytes(s.bytesReceived)}   tokens ${s.tokensIn} in / ${s.tokensOut} out`);
    out.push('  destinations');
    for (const d of s.destinations) {
      out.push(`    ${d.provider}  ${d.host}${d.model === undefined ? '' : `  ${d.model}`}  (${d.calls} call${d.calls === 1 ? '' : 's'})`);
    }
    const findings = Object.entries(s.findingsByType);
    out.push(`  findings      ${findings.length === 0 ? 'none' : findings.map(([type, n]) => `${type} ${n}`).join(', ')}`);
    const signals = Object.entries(s.signals);
    if (signals.length > 0) out.push(`  signals       ${signals.map(([kind, seen]) => `${kind} on ${seen.calls} call${seen.calls === 1 ? '' : 's'} (max ${seen.maxScore})`).join(', ')}`);
    const budgets = Object.entries(s.budgets);
    if (budgets.length > 0) out.push(`  budgets       ${budgets.map(([id, seen]) => `${id}: ${seen.refused} refused, ${seen.marked} marked`).join('; ')}`);
    out.push(`  coverage      ${s.notFullyScanned === 0 ? 'every call fully scanned' : `${s.notFullyScanned} of ${s.calls} calls not fully scanned${kinds(s.unscannedByReason)}`}`);
    out.push('');
  }
  const t = report.totals;
  out.push(
    `${t.sessions} session${t.sessions === 1 ? '' : 's'}, ${t.events} event${t.events === 1 ? '' : 's'} from ${t.files} file${t.files === 1 ? '' : 's'}` +
      (t.invalidLines > 0 ? `; ${t.invalidLines} invalid line${t.invalidLines === 1 ? '' : 's'} skipped` : ''),
  );
  return `${out.join('\n')}\n`;
}

function kinds(byKind: Record<string, number>): string {
  const entries = Object.entries(byKind);
  return entries.length === 0 ? '' : ` (${entries.map(([kind, n]) => `${kind} ${n}`).join(', ')})`;
}

/** 1536 → `1.5 KB` (powers of 1024, as file sizes are usually shown). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
