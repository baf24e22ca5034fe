/**
 * INI and TOML section headers (`[api]`, `[tool.openai]`), for keys whose name alone says
 * nothing (`key = …` under `[api]`). A scan asks for the section before increasing positions, so
 * the headers are found by one forward pass per scan, kept in the scan context.
 */
import type { Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';

interface SectionReader {
  /** Every header starting before this position has been read. */
  readTo: number;
  /** The last header read, or -1. */
  start: number;
  end: number;
  /** The next `[` at or after `readTo` (a candidate header), -1 when none is left, -2 before the first search. */
  next: number;
}

const SECTIONS: ScanSlot<SectionReader> = scanSlot(() => ({ readTo: 0, start: -1, end: -1, next: -2 }));
const MAX_SECTION = 64;

/** The name of a header `[name]` (or `[[name]]`) starting the line at `open`, or -1 when the `[` at `open` starts none. */
function headerEnd(text: string, open: number): number {
  if (open > 0 && text.charCodeAt(open - 1) !== 10) return -1;
  let i = open + 1;
  if (text.charCodeAt(i) === 91) i++;
  const max = Math.min(text.length, i + MAX_SECTION);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 93) return i;
    if (c === 10 || c === 91) return -1;
    i++;
  }
  return -1;
}

/**
 * The section name in effect at `position`, or null. Positions must not decrease within a scan
 * (anchors reach a detector in order); each `[` of the text is looked at once.
 */
export function sectionBefore(text: string, position: number, context: ScanContext): Span | null {
  const reader = context.get(SECTIONS);
  if (position < reader.readTo) return reader.start >= 0 ? { start: reader.start, end: reader.end } : null;
  let open = reader.next === -2 ? text.indexOf('[', reader.readTo) : reader.next;
  while (open !== -1 && open < position) {
    const end = headerEnd(text, open);
    if (end !== -1) {
      const doubled = text.charCodeAt(open + 1) === 91 ? 1 : 0;
      reader.start = open + 1 + doubled;
      reader.end = end;
    }
    open = text.indexOf('[', open + 1);
  }
  reader.next = open;
  reader.readTo = position;
  return reader.start >= 0 ? { start: reader.start, end: reader.end } : null;
}
