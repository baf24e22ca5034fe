/**
 * Findings from normalised views joined to those of the text as it is: mapped back onto the
 * original (see view.ts), then merged under one rule — what the plain reading found stands, and a
 * finding from a view adds to it, or replaces plain findings only where it covers them whole and
 * outranks them (the plain reading then saw part of the value: `4539` of `4539​1488…`).
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
 * list sorted by start. A built-in finding from a view that overlaps plain built-in ones is kept
 * only if it covers each whole and beats it by the overlap rule, and then replaces them; else the
 * plain ones stand, so a value decoded from inside a reported credential never shrinks what is
 * redacted. A custom finding from a view is kept unless a plain one of its type overlaps it.
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
    const same = overlapped.length === 1 && overlapped[0]!.start === finding.start && overlapped[0]!.end === finding.end;
    if (same || !overlapped.every((o) => finding.start <= o.start && finding.end >= o.end && beats(finding, o))) continue;
    for (const o of overlapped) replaced.add(o);
    added.push(finding);
  }
  if (added.length === 0) return plain as T[];
  const merged = plain.filter((f) => !replaced.has(f));
  for (const finding of added) merged.push(finding);
  return merged.sort((a, b) => a.start - b.start || a.end - b.end);
}
