/**
 * CSV export: one row per call. Events hold no raw values, so neither does the CSV; findings
 * appear as `TYPE×count`. Cells a spreadsheet would run as a formula are neutralised, since
 * app names and models come from web pages.
 */
import type { StoredEvent } from '../../messages';

export const CSV_COLUMNS = ['time', 'session', 'app', 'origin', 'provider', 'model', 'bytes', 'decision', 'findings'] as const;

/** Finding occurrences of one event by type (the same type can be found in several fields). */
export function eventTypeCounts(event: Pick<StoredEvent, 'findings'>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of event.findings) counts[finding.type] = (counts[finding.type] ?? 0) + finding.count;
  return counts;
}

function cell(value: string | number): string {
  let text = String(value);
  // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: CSV injection.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function eventsToCsv(events: readonly StoredEvent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const event of events) {
    const findings = Object.entries(eventTypeCounts(event))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => `${type}×${count}`)
      .join(' ');
    lines.push(
      [
        event.timestamp,
        event.sessionId,
        event.source.app,
        event.origin,
        event.destination.provider,
        event.destination.model ?? '',
        event.request.bytes,
        event.decision,
        findings,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
