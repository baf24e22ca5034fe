/**
 * The browser sink: hands events to the Outflow extension over `window.postMessage`, using the
 * versioned envelope of the shared schema. Events stay in a bounded buffer until the extension
 * acknowledges them by id (it acks only once they are durably stored), and are resent otherwise:
 * a service worker the browser stopped mid-batch loses nothing, and the store dedupes resends.
 *
 * Events not yet acknowledged when the page unloads (a reload or a navigation right after a call,
 * while the service worker is still waking) are kept in the tab's sessionStorage and sent by the
 * next page of this origin in the tab that creates the sink for the same app.
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
  /** `message` from the extension; `pagehide`, when the page unloads (see `sessionStorage`). */
  addEventListener(type: 'message' | 'pagehide', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message' | 'pagehide', listener: (event: MessageEvent) => void): void;
  location?: { origin: string };
  /** Where events not yet acknowledged wait across an unload: the window's own. */
  sessionStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void } | undefined;
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
/** sessionStorage key of the events a page left unacknowledged, per app. */
const UNSENT_KEY = 'outflow:bridge:unacknowledged:';
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

  const keep = (event: FlowEvent): void => {
    const chars = JSON.stringify(event).length;
    if (chars > BATCH_CHAR_BUDGET) {
      dropped += 1;
      return;
    }
    buffer.delete(event.id);
    buffer.set(event.id, { event, chars, sentAt: undefined });
  };

  const storage = (() => {
    try {
      return target?.sessionStorage;
    } catch {
      // Storage denied (sandboxed frame, blocked cookies): nothing survives an unload then.
      return undefined;
    }
  })();
  const unsentKey = `${UNSENT_KEY}${app}`;
  /** At unload: what the extension has not acknowledged waits in the tab for its next page. */
  const onPageHide = (): void => {
    if (closed || !storage || buffer.size === 0) return;
    try {
      storage.setItem(unsentKey, JSON.stringify([...buffer.values()].map((entry) => entry.event)));
    } catch {
      // Over the storage quota: these events are lost with the page, as they were before.
      dropped += buffer.size;
    }
  };
  /** A previous page's leftovers go first; the extension validates them like any event, and dedupes. */
  const restoreUnsent = (): void => {
    let stored: unknown;
    try {
      const text = storage?.getItem(unsentKey);
      if (!text) return;
      storage?.removeItem(unsentKey);
      stored = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(stored)) return;
    for (const event of stored.slice(-maxBuffered)) {
      if (typeof event === 'object' && event !== null && typeof (event as { id?: unknown }).id === 'string') keep(event as FlowEvent);
    }
  };

  if (target) {
    restoreUnsent();
    target.addEventListener('message', onMessage);
    target.addEventListener('pagehide', onPageHide);
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
      for (const event of events) keep(event);
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
      target?.removeEventListener('pagehide', onPageHide);
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      if (resendTimer !== undefined) clearTimeout(resendTimer);
      wake();
    },
  };
}
