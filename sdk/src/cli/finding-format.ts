/**
 * How `outflow scan` prints a finding. Only what the scanner made safe leaves: type, category,
 * offsets, confidence, the masked preview and the keyed fingerprint — never the matched text.
 */
import type { ScanFinding } from './scanner-setup';

/** A finding placed in its input: offsets from the start of the input, line and column from 1. */
export interface LocatedFinding {
  finding: ScanFinding;
  start: number;
  end: number;
  line: number;
  column: number;
}

/** `path:line:col  TYPE  preview  (confidence)`, then `  column NAME` for a value in a named table column. */
export function findingTextLine(path: string, located: LocatedFinding): string {
  const { finding } = located;
  const column = finding.column === undefined ? '' : `  column ${finding.column}`;
  return `${path}:${located.line}:${located.column}  ${finding.type}  ${finding.preview}  (${finding.confidence.toFixed(2)})${column}\n`;
}

/** The JSON object for one finding of a file scan. */
export function findingJson(located: LocatedFinding): object {
  const { finding } = located;
  return {
    type: finding.type,
    category: finding.category,
    line: located.line,
    column: located.column,
    start: located.start,
    end: located.end,
    confidence: finding.confidence,
    preview: finding.preview,
    fingerprint: finding.fingerprint,
    tableColumn: finding.column,
  };
}

/** The JSON object for one finding of a `--jsonl` record: offsets within the record's `text`. */
export function recordFindingJson(finding: ScanFinding): object {
  return {
    type: finding.type,
    category: finding.category,
    start: finding.start,
    end: finding.end,
    confidence: finding.confidence,
    preview: finding.preview,
    fingerprint: finding.fingerprint,
    tableColumn: finding.column,
  };
}
