/**
 * A token bucket: `capacity` messages at once, refilled at `perSecond`. One per tab (the content
 * script lives in the tab's page), so a flooding page only exhausts its own allowance.
 */
export interface TokenBucketOptions {
  /** Burst size. */
  capacity: number;
  /** Sustained rate. */
  perSecond: number;
  /** @default Date.now */
  now?: () => number;
}

export function tokenBucket({ capacity, perSecond, now = Date.now }: TokenBucketOptions): { take(): boolean } {
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const current = now();
      tokens = Math.min(capacity, tokens + ((current - last) / 1000) * perSecond);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
