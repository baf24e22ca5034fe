/**
 * Overlap rule: when two built-in findings overlap, the one with the higher detector priority
 * is kept (then the longer, then the earlier). Specific beats generic: a PRIVATE_KEY or JWT
 * over a GENERIC_SECRET around it, a vendor key over GENERIC_SECRET, PASSWORD_IN_URL over the
 * EMAIL-shaped `password@host`, CREDIT_CARD over PHONE. Custom findings are never dropped.
 */
export interface Ranked {
  readonly start: number;
  readonly end: number;
  readonly priority: number;
}

export function beats(a: Ranked, b: Ranked): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  return la !== lb ? la > lb : a.start <= b.start;
}

/** Keeps a non-overlapping subset, sorted by start; one sweep after sorting. */
export function resolveOverlaps<T extends Ranked>(items: T[]): T[] {
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const item of items) {
    const last = kept[kept.length - 1];
    if (last === undefined || item.start >= last.end) {
      kept.push(item);
    } else if (beats(item, last)) {
      kept[kept.length - 1] = item;
      // The winner may now overlap the finding before the one it replaced.
      while (kept.length >= 2 && kept[kept.length - 2]!.end > item.start) {
        const previous = kept[kept.length - 2]!;
        if (beats(previous, item)) {
          kept.pop();
          break;
        }
        kept.splice(kept.length - 2, 1);
      }
    }
  }
  return kept;
}
