/**
 * Findings from normalised views joined to those of the text as it is: mapped back onto the
 * original (see view.ts), then merged so that what the plain reading found stands, and a view
 * adds what only it reveals (see {@link mergeDerived}).
 */
import { beats, type Ranked } from '../overlap';
import type { NormalisedView } from './view';

export interface Placed extends Ranked {
  start: number;
  end: number;
  readonly type: string;
  confidence: number;
  /** The value as the detector read it in the view, for its preview. */
  shown?: string;
}

/** Base64 is decoded on the chance that a run is base64: what is found in it keeps this much of its detector's confidence. */
export const DECODED_CONFIDENCE = 0.9;

/**
 * `found` (read in `view`) with spans in the original text. A finding touching a place where the
 * view was cut is dropped, as the value might go on past it.
 */
export function mapToOriginal<T extends Placed>(found: readonly T[], view: NormalisedView): T[] {
  const mapped: T[] = [];
  for (const finding of found) {
    const { start, end } = finding;
    if (view.touchesCut(start, end)) continue;
    finding.shown = view.text.slice(start, end);
    finding.start = view.originalStart(start);
    finding.end = view.originalEnd(end);
    if (view.holdsDecoded(start, end)) finding.confidence *= DECODED_CONFIDENCE;
    mapped.push(finding);
  }
  return mapped;
}

function overlaps(a: Ranked, b: Ranked): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * `plain` and `derived` (each sorted by start, built-in findings in each without overlaps) as one
 * list sorted by start. A built-in finding from a view is weighed against the plain built-in ones
 * it overlaps:
 * - inside one of another type (an e-mail address decoded from inside a reported
 *   `Authorization: Basic` credential), it is added: it says what the encoded value holds, and
 *   redaction, which merges overlapping spans, still replaces the whole credential;
 * - covering each whole and beating it by the overlap rule (the plain reading saw part of the
 *   value: `4539` of `4539​1488…`), it replaces them;
 * - else the plain findings stand, so a view never shrinks what is reported or redacted.
 * A custom finding from a view is kept unless a plain one of its type overlaps it.
 */
export function mergeDerived<T extends Placed>(plain: readonly T[], derived: readonly T[], isCustom: (finding: T) => boolean): T[] {
  const builtins = plain.filter((f) => !isCustom(f));
  // One custom detector's findings do not overlap each other and come in order: a sweep per type.
  const customsByType = new Map<string, { list: T[]; next: number }>();
  for (const finding of plain) {
    if (!isCustom(finding)) continue;
    const entry = customsByType.get(finding.type) ?? { list: [], next: 0 };
    entry.list.push(finding);
    customsByType.set(finding.type, entry);
  }
  const replaced = new Set<T>();
  const added: T[] = [];
  let first = 0;
  for (const finding of derived) {
    if (isCustom(finding)) {
      const own = customsByType.get(finding.type);
      if (own !== undefined) {
        while (own.next < own.list.length && own.list[own.next]!.end <= finding.start) own.next++;
        if (own.next < own.list.length && overlaps(own.list[own.next]!, finding)) continue;
      }
      added.push(finding);
      continue;
    }
    // Plain built-ins do not overlap each other and are sorted, so their ends increase too.
    while (first < builtins.length && builtins[first]!.end <= finding.start) first++;
    const overlapped: T[] = [];
    for (let i = first; i < builtins.length && builtins[i]!.start < finding.end; i++) overlapped.push(builtins[i]!);
    const [only] = overlapped;
    if (overlapped.length === 0 || (overlapped.length === 1 && only!.type !== finding.type && covers(only!, finding))) {
      added.push(finding);
    } else if (overlapped.every((o) => covers(finding, o) && beats(finding, o) && !(o.start === finding.start && o.end === finding.end))) {
      for (const o of overlapped) replaced.add(o);
      added.push(finding);
    }
  }
  if (added.length === 0) return plain as T[];
  const merged = plain.filter((f) => !replaced.has(f));
  for (const finding of added) merged.push(finding);
  return merged.sort((a, b) => a.start - b.start || a.end - b.end);
}

function covers(a: Ranked, b: Ranked): boolean {
  return a.start <= b.start && a.end >= b.end;
}
