/**
 * Watches a response body on its way to the app without holding it back: a pull-through stream
 * reads the provider's body only when the app reads, counts bytes, and picks token usage out of
 * SSE events or a bounded copy of a JSON body. It reports exactly once: at the end of the body,
 * on an error, when the app cancels, or when the app leaves the body unread past a deadline.
 */
import { mergeUsage, usageFrom, type TokenUsage } from '../providers/usage';
import { EventStreamParser } from './sse';

export interface BodyOutcome {
  bytes: number;
  streamed: boolean;
  usage: TokenUsage;
  /** Time the outcome was settled (performance.now()). */
  endedAt: number;
  /** How the body ended when it did not end normally. */
  ending: 'complete' | 'cancelled' | 'unread' | 'error';
  error?: unknown;
}

export interface ObserveOptions {
  /** Reported once, whatever happens. Must not throw (callers wrap it). */
  onSettled(outcome: BodyOutcome): void;
  /** How long a body may sit unread (no read pending) before the call is recorded as it stands. */
  unreadBodyTimeoutMs: number;
  /** Registers a way to settle the call early if its body sits unread (used by `flush()`); returns an unregister function. */
  track(settleNow: () => void): () => void;
}

/** A JSON body larger than this is passed through without being copied for usage. */
const MAX_JSON_COPY_BYTES = 2 * 1024 * 1024;

export function observeResponse(response: Response, options: ObserveOptions): Response {
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  const streamed = contentType.includes('text/event-stream') || contentType.includes('ndjson');
  const usage: TokenUsage = {};
  let bytes = 0;
  let settled = false;

  const source = response.body;
  // `new Response` refuses statuses outside 200–599 (opaque responses report 0): nothing to observe there.
  if (!source || response.status < 200 || response.status > 599) {
    options.onSettled({ bytes: 0, streamed, usage, endedAt: performance.now(), ending: 'complete' });
    return response;
  }

  const usageReader = createUsageReader(contentType, usage);
  const reader = source.getReader();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  const untrack = options.track(() => {
    if (!reading) settle('unread');
  });

  function settle(ending: BodyOutcome['ending'], error?: unknown): void {
    if (settled) return;
    settled = true;
    clearTimeout(idleTimer);
    untrack();
    if (ending === 'complete') usageReader?.end();
    const outcome: BodyOutcome = { bytes, streamed, usage, endedAt: performance.now(), ending };
    if (error !== undefined) outcome.error = error;
    options.onSettled(outcome);
  }

  // One timer per call, re-armed lazily: cheaper than resetting a timer on every chunk.
  let lastActivity = performance.now();
  function armIdleTimer(delayMs: number): void {
    idleTimer = setTimeout(() => {
      if (settled) return;
      const idleFor = performance.now() - lastActivity;
      if (reading) armIdleTimer(options.unreadBodyTimeoutMs);
      else if (idleFor < options.unreadBodyTimeoutMs) armIdleTimer(options.unreadBodyTimeoutMs - idleFor);
      else settle('unread');
    }, delayMs);
    // An unread body must not keep a Node process alive on its own.
    (idleTimer as { unref?: () => void }).unref?.();
  }

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>;
        reading = true;
        try {
          result = await reader.read();
        } catch (error) {
          settle('error', error);
          controller.error(error);
          return;
        } finally {
          reading = false;
          lastActivity = performance.now();
        }
        if (result.done) {
          settle('complete');
          controller.close();
          return;
        }
        const chunk = result.value;
        if (!settled) {
          bytes += chunk.byteLength;
          usageReader?.push(chunk);
        }
        controller.enqueue(chunk);
      },
      cancel(reason) {
        settle('cancelled');
        return reader.cancel(reason);
      },
    },
    // No read-ahead: the provider's body is read only as fast as the app reads.
    { highWaterMark: 0 },
  );
  armIdleTimer(options.unreadBodyTimeoutMs);
  return rebuildResponse(response, body);
}

interface UsageReader {
  push(chunk: Uint8Array): void;
  end(): void;
}

function createUsageReader(contentType: string, usage: TokenUsage): UsageReader | undefined {
  const take = (data: string): void => {
    // Most events carry no usage; only those that mention it are parsed.
    if (!data.includes('usage') && !data.includes('eval_count')) return;
    try {
      mergeUsage(usage, usageFrom(JSON.parse(data)));
    } catch {
      // Not JSON (a `[DONE]` marker, a comment): nothing to learn from it.
    }
  };
  if (contentType.includes('text/event-stream')) return new EventStreamParser(take);
  if (contentType.includes('ndjson')) return new EventStreamParser(take, true);
  if (!contentType.includes('json')) return undefined;
  const chunks: Uint8Array[] = [];
  let copied = 0;
  return {
    push(chunk) {
      copied += chunk.byteLength;
      if (copied <= MAX_JSON_COPY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    },
    end() {
      if (copied > MAX_JSON_COPY_BYTES || chunks.length === 0) return;
      const decoder = new TextDecoder();
      let text = '';
      for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
      take(text + decoder.decode());
    },
  };
}

/** A new Response around the observed body, keeping what `new Response` cannot set: url, redirected, type. */
function rebuildResponse(original: Response, body: ReadableStream<Uint8Array>): Response {
  const rebuilt = new Response(body, { status: original.status, statusText: original.statusText, headers: original.headers });
  for (const key of ['url', 'redirected', 'type'] as const) {
    Object.defineProperty(rebuilt, key, { value: original[key], enumerable: true, configurable: true });
  }
  return rebuilt;
}
