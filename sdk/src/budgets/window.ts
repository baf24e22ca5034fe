/**
 * A sliding-window counter of calls, tokens and bytes, kept in buckets of 1/60 of the window (a "sliding
 * window counter", as rate limiters keep them): memory is bounded whatever the traffic, and a
 * use leaves the window once a whole window has passed since the end of its bucket — between
 * `windowMs` and `windowMs` + 1/60 of it after it happened, never earlier, so the rounding never
 * lets a limit be exceeded.
 * The state is plain JSON, so a store can persist it (see store.ts). Shared by budgets and the
 * volume signal.
 */
import type { UsageWindow } from '../schema';

export const WINDOW_MS: Readonly<Record<UsageWindow, number>> = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 };

/** Buckets per window. */
export const SLOTS = 60;

export interface Usage {
  calls: number;
  tokens: number;
  bytes: number;
}

/** `[bucket index, calls, tokens, bytes]`, oldest first; the bucket index is `floor(time / bucketMs)`. */
export type Bucket = [number, number, number, number];

export interface WindowState {
  bucketMs: number;
  buckets: Bucket[];
}

export function emptyWindow(windowMs: number): WindowState {
  return { bucketMs: windowMs / SLOTS, buckets: [] };
}

/** Drops the buckets that have left the window at `now`. */
export function prune(state: WindowState, now: number): void {
  // A bucket leaves once the window's whole length has passed since its end: (index + SLOTS + 1) × bucketMs.
  const oldest = Math.floor(now / state.bucketMs) - SLOTS;
  let drop = 0;
  while (drop < state.buckets.length && state.buckets[drop]![0] < oldest) drop++;
  if (drop > 0) state.buckets.splice(0, drop);
}

/** What the window holds at `now` (call `prune` first). */
export function totalOf(state: WindowState): Usage {
  const sum: Usage = { calls: 0, tokens: 0, bytes: 0 };
  for (const [, calls, tokens, bytes] of state.buckets) {
    sum.calls += calls;
    sum.tokens += tokens;
    sum.bytes += bytes;
  }
  return sum;
}

/** Adds `usage` to the bucket of `at` (negative values correct an earlier estimate). */
export function addUsage(state: WindowState, at: number, usage: Usage): void {
  const index = Math.floor(at / state.bucketMs);
  const last = state.buckets[state.buckets.length - 1];
  let bucket: Bucket | undefined;
  if (last !== undefined && last[0] === index) bucket = last;
  else if (last === undefined || last[0] < index) state.buckets.push((bucket = [index, 0, 0, 0]));
  else {
    // An older call (recorded after a newer one, or a correction): its bucket, made if missing.
    let at = state.buckets.length - 1;
    while (at >= 0 && state.buckets[at]![0] > index) at--;
    bucket = at >= 0 && state.buckets[at]![0] === index ? state.buckets[at]! : undefined;
    if (bucket === undefined) state.buckets.splice(at + 1, 0, (bucket = [index, 0, 0, 0]));
  }
  bucket[1] += usage.calls;
  bucket[2] = Math.max(0, bucket[2] + usage.tokens);
  bucket[3] += usage.bytes;
}

/**
 * How long from `now` until `fits(remaining)` holds as old buckets leave the window: 0 when it
 * holds already; the whole window when it would not hold even in an empty one.
 */
export function waitUntil(state: WindowState, now: number, fits: (remaining: Usage) => boolean): number {
  const remaining = totalOf(state);
  if (fits(remaining)) return 0;
  for (const [index, calls, tokens, bytes] of state.buckets) {
    remaining.calls -= calls;
    remaining.tokens -= tokens;
    remaining.bytes -= bytes;
    if (fits(remaining)) return Math.max(0, (index + SLOTS + 1) * state.bucketMs - now);
  }
  return state.bucketMs * SLOTS;
}
