/**
 * Watches a response body on its way to the app without holding it back. The provider's
 * Response itself is handed to the app, its prototype swapped for one that observes how the body
 * is consumed: `json()`, `text()`, `arrayBuffer()`, `bytes()`, `blob()` and `formData()` run the
 * native reader and note the size and token usage of what it returned; `body` hands out a
 * pull-through stream that reads the provider's body only when the app reads, counting bytes and
 * picking usage out of SSE events or a bounded copy of a JSON body. Re-creating the Response
 * around a JavaScript stream instead cost a tenth of a millisecond per call, most of what the
 * wrapper added. It reports exactly once: at the end of the body, on an error, when the app
 * cancels, or when the app leaves the body unread past a deadline.
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
  /** Runs the settling of a finished body after the app has it (see completions.ts). */
  defer(work: () => void): void;
}

/** A JSON body larger than this is passed through without being copied or parsed for usage. */
const MAX_JSON_COPY_BYTES = 2 * 1024 * 1024;

export function observeResponse(response: Response, options: ObserveOptions): Response {
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  const streamed = contentType.includes('text/event-stream') || contentType.includes('ndjson');
  // Only this realm's own Response is observed in place: its native readers pass their brand
  // checks. Anything else (a polyfill's Response, another undici, another Outflow's observed
  // response) is re-created around a pull-through stream of its body, as a platform Response.
  const native = Object.getPrototypeOf(response) === Response.prototype;
  const body = native ? nativeReaders.body(response) : (response.body as ReadableStream<Uint8Array> | null | undefined);
  // No body, or a status `new Response` would refuse (opaque responses report 0): nothing to observe.
  if (!body || response.status < 200 || response.status > 599) {
    options.onSettled({ bytes: 0, streamed, usage: {}, endedAt: performance.now(), ending: 'complete' });
    return response;
  }
  const observer = new BodyObserver(response, contentType, streamed, options);
  if (!native) return rebuildResponse(response, observer.bodyStream(body));
  const observed = response as ObservedResponse;
  observed[OBSERVER] = observer;
  Object.setPrototypeOf(observed, observedPrototype());
  return observed;
}

/** What the observer knows of one response's body. */
class BodyObserver {
  bytes = 0;
  readonly usage: TokenUsage = {};
  /** Set once `body` was handed out: every later read goes through it. */
  stream: ReadableStream<Uint8Array> | undefined;
  /** A consuming method was called: `body` is the native one from then on. */
  consumed = false;
  /** The stream handed out has been read or cancelled (what `bodyUsed` reports). */
  disturbed = false;
  /** A clone tees the stream: from then on `disturbed` follows this response's own branch. */
  cloned = false;
  private settled = false;
  /** The body ended; the outcome is settled right after the app got it (see completeSoon). */
  private endedAt: number | undefined;
  /** A read is pending: the app is consuming, so the body is not "unread". */
  private reading = false;
  private lastActivity = performance.now();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly untrack: () => void;
  private readonly usageReader: UsageReader | undefined;

  constructor(
    private readonly response: Response,
    contentType: string,
    private readonly streamed: boolean,
    private readonly options: ObserveOptions,
  ) {
    this.usageReader = createUsageReader(contentType, this.usage);
    this.untrack = options.track(() => {
      if (this.endedAt !== undefined) this.settle('complete');
      else if (!this.reading) this.settle('unread');
    });
    this.armIdleTimer(options.unreadBodyTimeoutMs);
  }

  settle(ending: BodyOutcome['ending'], error?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.idleTimer);
    this.untrack();
    if (ending === 'complete') this.usageReader?.end();
    const outcome: BodyOutcome = { bytes: this.bytes, streamed: this.streamed, usage: this.usage, endedAt: this.endedAt ?? performance.now(), ending };
    if (error !== undefined) outcome.error = error;
    this.options.onSettled(outcome);
  }

  /** The body ended: the outcome is settled once the app has its data (see completions.ts). */
  completeSoon(): void {
    if (this.settled || this.endedAt !== undefined) return;
    this.endedAt = performance.now();
    this.options.defer(() => this.settle('complete'));
  }

  /** Counts a chunk (or a whole body) the app received. */
  saw(chunk: Uint8Array): void {
    if (this.settled) return;
    this.bytes += chunk.byteLength;
    this.usageReader?.push(chunk);
  }

  /**
   * Runs a native consuming method; the outcome is settled when it returns or fails. A read of
   * a body already consumed is passed to the platform untouched: its failure ("body already
   * used") is the app's, and must not overwrite the call's real outcome.
   */
  async consume<T>(read: () => Promise<T>, seen: (value: T) => void): Promise<T> {
    if (this.consumed || nativeReaders.bodyUsed(this.response)) return read();
    this.consumed = true;
    this.startReading();
    let value: T;
    try {
      value = await read();
    } catch (error) {
      this.stopReading();
      this.settle('error', error);
      throw error;
    }
    this.stopReading();
    seen(value);
    this.completeSoon();
    return value;
  }

  /** The pull-through stream handed out as `body`, made on first access. */
  bodyStream(source?: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    if (this.stream === undefined) this.stream = this.pullThrough(source ?? nativeReaders.body(this.response)!);
    return this.stream;
  }

  startReading(): void {
    this.reading = true;
  }

  stopReading(): void {
    this.reading = false;
    this.lastActivity = performance.now();
  }

  // One timer per call, re-armed lazily: cheaper than resetting a timer on every chunk.
  private armIdleTimer(delayMs: number): void {
    this.idleTimer = setTimeout(() => {
      if (this.settled || this.endedAt !== undefined) return;
      const idleFor = performance.now() - this.lastActivity;
      if (this.reading) this.armIdleTimer(this.options.unreadBodyTimeoutMs);
      else if (idleFor < this.options.unreadBodyTimeoutMs) this.armIdleTimer(this.options.unreadBodyTimeoutMs - idleFor);
      else this.settle('unread');
    }, delayMs);
    // An unread body must not keep a Node process alive on its own.
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private pullThrough(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = source.getReader();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          let result: ReadableStreamReadResult<Uint8Array>;
          if (!this.cloned) this.disturbed = true;
          this.startReading();
          try {
            result = await reader.read();
          } catch (error) {
            this.settle('error', error);
            controller.error(error);
            return;
          } finally {
            this.stopReading();
          }
          if (result.done) {
            controller.close();
            this.completeSoon();
            return;
          }
          this.saw(result.value);
          controller.enqueue(result.value);
        },
        cancel: (reason) => {
          if (!this.cloned) this.disturbed = true;
          this.settle('cancelled');
          return reader.cancel(reason);
        },
      },
      // No read-ahead: the provider's body is read only as fast as the app reads.
      { highWaterMark: 0 },
    );
  }
}

const OBSERVER = Symbol('outflow.bodyObserver');
type ObservedResponse = Response & { [OBSERVER]: BodyObserver };

/** The native accessors and methods, called on the provider's Response (which passes their brand checks). */
const nativeReaders = {
  body: (r: Response): ReadableStream<Uint8Array> | null => Object.getOwnPropertyDescriptor(Response.prototype, 'body')!.get!.call(r) as ReadableStream<Uint8Array> | null,
  bodyUsed: (r: Response): boolean => Object.getOwnPropertyDescriptor(Response.prototype, 'bodyUsed')!.get!.call(r) as boolean,
  clone: (r: Response): Response => Response.prototype.clone.call(r),
  arrayBuffer: (r: Response): Promise<ArrayBuffer> => Response.prototype.arrayBuffer.call(r),
  blob: (r: Response): Promise<Blob> => Response.prototype.blob.call(r),
  formData: (r: Response): Promise<FormData> => Response.prototype.formData.call(r),
};

/** One decoder for every body decoded here: decoding a whole buffer keeps no state between calls. */
const utf8 = new TextDecoder();

/** The whole body, observed: through `body` once that was handed out, natively otherwise. */
function observedBuffer(response: ObservedResponse): Promise<ArrayBuffer> {
  const observer = response[OBSERVER];
  if (observer.stream !== undefined) return new Response(observer.stream).arrayBuffer();
  return observer.consume(
    () => nativeReaders.arrayBuffer(response),
    (buffer) => observer.saw(new Uint8Array(buffer)),
  );
}

let prototype: object | undefined;

/**
 * Response.prototype with the consuming methods and `body` observed. Made on first use (as
 * `Response` may be missing where the module loads). `text()` and `json()` decode the bytes the
 * way the native ones do (UTF-8, a BOM dropped, malformed sequences replaced) so the size on
 * the wire is known exactly.
 */
function observedPrototype(): object {
  if (prototype !== undefined) return prototype;
  const methods: Record<string, (this: ObservedResponse, ...args: never[]) => unknown> = {
    async arrayBuffer(this: ObservedResponse) {
      return observedBuffer(this);
    },
    async text(this: ObservedResponse) {
      return utf8.decode(await observedBuffer(this));
    },
    async json(this: ObservedResponse) {
      return JSON.parse(utf8.decode(await observedBuffer(this))) as unknown;
    },
    async blob(this: ObservedResponse) {
      const observer = this[OBSERVER];
      if (observer.stream !== undefined) return new Response(observer.stream, { headers: this.headers }).blob();
      return observer.consume(
        () => nativeReaders.blob(this),
        (blob) => (observer.bytes += blob.size),
      );
    },
    async formData(this: ObservedResponse) {
      const observer = this[OBSERVER];
      if (observer.stream !== undefined) return new Response(observer.stream, { headers: this.headers }).formData();
      return observer.consume(
        () => nativeReaders.formData(this),
        () => (observer.bytes += Number(this.headers.get('content-length')) || 0),
      );
    },
    /** A clone reads through the observed stream (teed), so reading either copy is seen. */
    clone(this: ObservedResponse) {
      const observer = this[OBSERVER];
      if (observer.consumed) return nativeReaders.clone(this);
      if (observer.stream !== undefined && observer.disturbed) throw new TypeError('Response.clone: the body has already been read');
      const [mine, theirs] = observer.bodyStream().tee();
      // Both branches pull the observed stream; this response's `bodyUsed` follows its own branch.
      observer.cloned = true;
      observer.stream = markingReads(mine, () => (observer.disturbed = true));
      return rebuildResponse(this, theirs);
    },
  };
  if (typeof (Response.prototype as { bytes?: unknown }).bytes === 'function') {
    methods.bytes = async function (this: ObservedResponse) {
      return new Uint8Array(await observedBuffer(this));
    };
  }
  const proto = Object.create(Response.prototype) as object;
  for (const [name, method] of Object.entries(methods)) Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
  Object.defineProperty(proto, 'body', {
    get(this: ObservedResponse) {
      const observer = this[OBSERVER];
      // After a consuming method the native stream is spent; report it as the platform does.
      return observer.consumed ? nativeReaders.body(this) : observer.bodyStream();
    },
    configurable: true,
  });
  Object.defineProperty(proto, 'bodyUsed', {
    get(this: ObservedResponse) {
      const observer = this[OBSERVER];
      return observer.stream !== undefined ? observer.disturbed : nativeReaders.bodyUsed(this);
    },
    configurable: true,
  });
  prototype = proto;
  return proto;
}

/** A stream passing `source` through, calling `onRead` on the first read or cancel. */
function markingReads(source: ReadableStream<Uint8Array>, onRead: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        onRead();
        const result = await reader.read();
        if (result.done) controller.close();
        else controller.enqueue(result.value);
      },
      cancel(reason) {
        onRead();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A platform Response around `body`, reporting `original`'s status, headers, url, redirected and
 * type: a clone of an observed response, or a response this realm's readers cannot read.
 */
function rebuildResponse(original: Response, body: ReadableStream<Uint8Array>): Response {
  const rebuilt = new Response(body, { status: original.status, statusText: original.statusText, headers: original.headers });
  for (const key of ['url', 'redirected', 'type'] as const) {
    Object.defineProperty(rebuilt, key, { value: original[key], enumerable: true, configurable: true });
  }
  return rebuilt;
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
      // A copy: the app owns the chunk it was handed and may transfer or change it.
      if (copied <= MAX_JSON_COPY_BYTES) chunks.push(chunk.slice());
      else chunks.length = 0;
    },
    end() {
      if (copied > MAX_JSON_COPY_BYTES || chunks.length === 0) return;
      const json = chunks.length === 1 ? chunks[0] : concat(chunks, copied);
      chunks.length = 0;
      take(utf8.decode(json));
    },
  };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
