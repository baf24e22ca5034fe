/**
 * The account every reader of a request keeps of what it could not read. Readers return it with
 * their result (`{ …, unscanned }`), the inspection adds them up, and an event cannot be built
 * without it: a part Outflow gave up on is listed, never silently counted as clean.
 */
import { binaryTypeOf } from './internal/magic';
import { LIMITS, type Coverage, type Unscanned, type UnscannedReason } from './schema';

/** One part of a request that was not scanned, as the reader that gave up on it saw it. */
export interface UnscannedPart extends Unscanned {
  /**
   * Binary content's type by its first bytes (never its label), for
   * `Policy.unscannableAllowedTypes`; not recorded in the event.
   */
  mimeType?: string;
}

export function unscannedPart(where: string, reason: Exclude<UnscannedReason, 'binary'>, bytes: number): UnscannedPart {
  return { where, reason, bytes: Math.max(0, Math.round(bytes)) };
}

/** Binary content not scanned; `head`: its first bytes, which say what it is. */
export function binaryPart(where: string, bytes: number, head: Uint8Array | undefined): UnscannedPart {
  return { where, reason: 'binary', bytes: Math.max(0, Math.round(bytes)), mimeType: (head && binaryTypeOf(head)) ?? 'application/octet-stream' };
}

/** The event's `coverage`: complete only when nothing is listed; `where` as given (the event builder masks it). */
export function coverageFrom(parts: readonly UnscannedPart[]): Coverage {
  const unscanned = parts.slice(0, LIMITS.unscannedPerEvent).map(({ where, reason, bytes }) => ({ where, reason, bytes }));
  const coverage: Coverage = { complete: parts.length === 0, unscanned };
  if (parts.length > LIMITS.unscannedPerEvent) coverage.truncated = parts.length - LIMITS.unscannedPerEvent;
  return coverage;
}

/** The media type alone, lower case: `Image/PNG; name=x` → `image/png`. */
export function mediaType(contentType: string): string {
  return (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
}

/** Whether `mimeType` is one of `patterns` (`image/png`, or a family: `image/*`). */
export function mimeMatches(mimeType: string, patterns: readonly string[]): boolean {
  const type = mediaType(mimeType);
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : type === p;
  });
}
