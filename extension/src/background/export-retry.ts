/**
 * When to try the collector again, and which answers are worth retrying. Pure, so the schedule is
 * unit-tested. The OTLP/HTTP specification's rules: 429, 502, 503 and 504 are retryable, honouring
 * `Retry-After`; 400 means the data itself was refused and must not be sent again. Other
 * failures (401/403 until IT fixes a header, 404 until the path is right, 5xx, a network error,
 * an offline laptop) are retried too, with backoff: nothing is dropped for a fault that a fix on
 * either side would clear.
 */

/** First retry after 1 s, doubling to at most 10 minutes. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 10 * 60_000;
/** A `Retry-After` longer than this is capped: a misconfigured proxy must not silence the export for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * The delay before attempt `failures + 1`: exponential, with "equal jitter" (half fixed, half
 * random) so many browsers that lost the same collector do not come back in step.
 */
export function backoffDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** `Retry-After` in seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms)) : undefined;
}

export type Outcome = { kind: 'delivered' } | { kind: 'refused'; reason: string } | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** What an HTTP answer means for the batch sent. */
export function classifyResponse(status: number, retryAfter: string | null, now: number): Outcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 400) return { kind: 'refused', reason: 'HTTP 400: the collector refused the data as malformed' };
  const after = status === 429 || status === 503 ? retryAfterMs(retryAfter, now) : undefined;
  const hint = status === 401 || status === 403 ? ' (check the headers IT configured)' : status === 404 ? ' (check the endpoint IT configured)' : '';
  return { kind: 'retry', reason: `HTTP ${status}${hint}`, ...(after === undefined ? {} : { retryAfterMs: after }) };
}

/** When to try next after a failure: the backoff, or the collector's `Retry-After` when it asks for longer. */
export function nextAttemptAt(now: number, failures: number, retryAfter?: number, random?: () => number): number {
  return now + Math.max(backoffDelayMs(failures, random), retryAfter ?? 0);
}
