/**
 * The browser sink: hands events to the Outflow extension over `window.postMessage`, using the
 * versioned envelope of the shared schema. Events stay in a bounded buffer until the extension
 * acknowledges them by id (it acks only once they are durably stored), and are resent otherwise:
 * a service worker the browser stopped mid-batch loses nothing, and the store dedupes resends.
 *
 * Without the extension this is a silent no-op: `hello` goes unanswered, `flush()` resolves after
 * `readyTimeoutMs`, and the buffer stays bounded. Browser-safe: no Node imports.
 */
import {
  BRIDGE_CHANNEL,
  BRIDGE_VERSION,
  ExtensionToPageSchema,
  LIMITS,
  type FlowEvent,
  type PageToExtension,
} from '../schema';
import type { Sink } from './types';

/**
 * The part of `Window` the sink uses (a browser's `window` is one), so tests can pass an
 * `EventTarget`-based fake, and so the published types name no DOM type: they compile for a
 * Node-only consumer too.
 */
export interface BridgeWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  location?: { origin: string };
}

export interface ExtensionBridgeSinkOptions {
  /** The internal app's name, sent in `hello`. */
  app: string;
  /** The window to talk through. @default globalThis.window (none in Node: the sink does nothing) */
  target?: BridgeWindow;
  /** Events kept until acknowledged; beyond it the oldest are dropped (and counted). @default 1000 */
  maxBuffered?: number;
  /** An unacknowledged event is sent again after this long. @default 2000 */
  resendAfterMs?: number;
  /** How long to keep saying `hello` before concluding no extension is there. @default 3000 */
  readyTimeoutMs?: number;
  /**
   * Longest wait in `flush()` for acknowledgements once connected; the events stay buffered and
   * keep being resent afterwards. Bounds `flush()` when the extension refuses this origin.
   * @default 10000
   */
  flushTimeoutMs?: number;
}

export interface ExtensionBridgeSink extends Sink {
  /** True once the extension answered `hello` with `ready`. */
  readonly connected: boolean;
  /** Events written but not yet acknowledged. */
  readonly pending: number;
  /** Events dropped: buffer overflow, or an event too large to ever fit in one bridge message. */
  readonly dropped: number;
}

const HELLO_INTERVAL_MS = 250;
/** Room for the envelope around the events: a batch's serialized events stay under the message cap. */
const BATCH_CHAR_BUDGET = LIMITS.bridgeMessageChars - 1024;

interface Pending {
  event: FlowEvent;
  /** Serialized length, measured once: batches are cut by it. */
  chars: number;
  /** When it was last posted; undefined until the first send. */
  sentAt: number | undefined;
}

export function extensionBridgeSink(options: ExtensionBridgeSinkOptions): ExtensionBridgeSink {
  const {
    app,
    maxBuffered = 1000,
    resendAfterMs = 2000,
    readyTimeoutMs = 3000,
    flushTimeoutMs = 10_000,
  } = options;
  const target = (options.target ?? (globalThis as { window?: BridgeWindow }).window) as BridgeWindow | undefined;

  const buffer = new Map<string, Pending>();
  let connected = false;
  let gaveUpWaiting = false;
  let dropped = 0;
  let closed = false;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  const startedAt = Date.now();
  /** Waiters of `flush()`: woken on every ack and on the ready timeout. */
  const waiters = new Set<() => void>();

  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const post = (message: PageToExtension) => {
    if (!target || closed) return;
    // The page's own origin: the message stays in this window. An opaque origin ('null') cannot be named.
    const origin = target.location?.origin;
    target.postMessage(message, origin && origin !== 'null' ? origin : '*');
  };

  const sayHello = () => {
    helloTimer = undefined;
    if (connected || closed) return;
    if (Date.now() - startedAt >= readyTimeoutMs) {
      gaveUpWaiting = true;
      wake();
      return;
    }
    post({ channel: BRIDGE_CHANNEL, v: BRIDGE_VERSION, type: 'hello', app });
    helloTimer = setTimeout(sayHello, HELLO_INTERVAL_MS);
  };

  /** Sends every event not sent within `resendAfterMs`, in batches within the bridge limits. */
  const sendDue = () => {
    if (!connected || closed) return;
    const now = Date.now();
    let batch: FlowEvent[] = [];
    let batchChars = 0;
    const emit = () => {
      if (batch.length > 0) post({ channel: BRIDGE_CHANNEL, v: BRIDGE_VERSION, type: 'events', events: batch });
      batch = [];
      batchChars = 0;
    };
    for (const entry of buffer.values()) {
      if (entry.sentAt !== undefined && now - entry.sentAt < resendAfterMs) continue;
      if (batch.length >= LIMITS.eventsPerBatch || batchChars + entry.chars > BATCH_CHAR_BUDGET) emit();
      batch.push(entry.event);
      batchChars += entry.chars;
      entry.sentAt = now;
    }
    emit();
    scheduleResend();
  };

  const scheduleResend = () => {
    if (resendTimer !== undefined || buffer.size === 0 || !connected || closed) return;
    resendTimer = setTimeout(() => {
      resendTimer = undefined;
      sendDue();
    }, resendAfterMs);
  };

  const onMessage = (event: MessageEvent) => {
    if (closed || event.source !== (target as unknown)) return;
    const data = event.data as { channel?: unknown } | null;
    if (typeof data !== 'object' || data === null || data.channel !== BRIDGE_CHANNEL) return;
    // Our own hello/events come back to this listener too; they fail this schema and are ignored.
    const parsed = ExtensionToPageSchema.safeParse(data);
    if (!parsed.success) return;
    if (parsed.data.type === 'ready') {
      connected = true;
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      helloTimer = undefined;
      // A new `ready` can mean a restarted extension: whatever it has not acked goes again now.
      for (const entry of buffer.values()) entry.sentAt = undefined;
      sendDue();
    } else {
      for (const id of parsed.data.ids) buffer.delete(id);
    }
    wake();
  };

  if (target) {
    target.addEventListener('message', onMessage);
    sayHello();
  } else {
    gaveUpWaiting = true;
  }

  return {
    name: 'extension-bridge',
    get connected() {
      return connected;
    },
    get pending() {
      return buffer.size;
    },
    get dropped() {
      return dropped;
    },
    write(events) {
      if (closed || !target) return;
      for (const event of events) {
        const chars = JSON.stringify(event).length;
        if (chars > BATCH_CHAR_BUDGET) {
          dropped += 1;
          continue;
        }
        buffer.delete(event.id);
        buffer.set(event.id, { event, chars, sentAt: undefined });
      }
      while (buffer.size > maxBuffered) {
        const oldest = buffer.keys().next().value as string;
        buffer.delete(oldest);
        dropped += 1;
      }
      sendDue();
    },
    flush() {
      const deadline = Date.now() + flushTimeoutMs;
      return new Promise<void>((resolve) => {
        const check = () => {
          const done = buffer.size === 0 || (!connected && gaveUpWaiting) || closed || Date.now() >= deadline;
          if (!done) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve();
        }, flushTimeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      closed = true;
      target?.removeEventListener('message', onMessage);
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      if (resendTimer !== undefined) clearTimeout(resendTimer);
      wake();
    },
  };
}
