/**
 * The browser sink: hands events to the Outflow extension over `window.postMessage`, using the
 * versioned envelope of the shared schema. Events stay in a bounded buffer until the extension
 * acknowledges them by id (it acks only once they are durably stored), and are resent otherwise:
 * a service worker the browser stopped mid-batch loses nothing, and the store dedupes resends.
 *
 * Events not yet acknowledged when the page unloads (a reload or a navigation right after a call,
 * while the service worker is still waking) or the sink closes are kept in the tab's
 * sessionStorage and sent by the next sink for the same app in this tab and origin.
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
  /**
   * Taken over from a previous page of the tab: sent alone (the extension refuses a whole batch
   * for one invalid event, and an older SDK's or a page script's may be), and not carried over again.
   */
  restored: boolean;
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
      if (entry.restored || batch.length >= LIMITS.eventsPerBatch || batchChars + entry.chars > BATCH_CHAR_BUDGET) emit();
      batch.push(entry.event);
      batchChars += entry.chars;
      entry.sentAt = now;
      if (entry.restored) emit();
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

  const keep = (event: FlowEvent, restored = false): void => {
    const chars = JSON.stringify(event).length;
    if (chars > BATCH_CHAR_BUDGET) {
      dropped += 1;
      return;
    }
    buffer.delete(event.id);
    buffer.set(event.id, { event, chars, sentAt: undefined, restored });
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
  /** What the tab holds for this app's next page: event-shaped entries only. */
  const readStored = (): FlowEvent[] => {
    try {
      const stored = JSON.parse(storage?.getItem(unsentKey) ?? '[]') as unknown;
      return Array.isArray(stored) ? stored.filter((event): event is FlowEvent => typeof event === 'object' && event !== null && typeof (event as { id?: unknown }).id === 'string') : [];
    } catch {
      return [];
    }
  };
  /**
   * At unload (and close): what the extension has not acknowledged waits in the tab for its next
   * page, added to what other sinks of this app left there (another instance, a page restored from
   * the back-forward cache). Not when no extension answered: nobody would take it.
   */
  /** Events counted as lost by a save: `pagehide` then `close()` (or a page back from the cache) saves again. */
  const countedLost = new Set<string>();
  const countLost = (ids: readonly string[]): void => {
    for (const id of ids) {
      if (countedLost.has(id)) continue;
      countedLost.add(id);
      dropped += 1;
    }
  };
  const save = (): void => {
    if (!storage || (gaveUpWaiting && !connected)) return;
    const unacknowledged = [...buffer.values()].filter((entry) => !entry.restored).map((entry) => entry.event);
    // A restored event still unacknowledged after a whole page is not carried further.
    countLost([...buffer.values()].filter((entry) => entry.restored).map((entry) => entry.event.id));
    if (unacknowledged.length === 0) return;
    const ours = new Set(unacknowledged.map((event) => event.id));
    const kept = [...readStored().filter((event) => !ours.has(event.id)), ...unacknowledged].slice(-maxBuffered);
    try {
      storage.setItem(unsentKey, JSON.stringify(kept));
    } catch {
      // Over the storage quota: these events are lost with the page, as they were before.
      countLost(unacknowledged.map((event) => event.id));
    }
  };
  const onPageHide = (): void => {
    if (!closed) save();
  };
  /** A previous page's leftovers go first; the extension validates them like any event, and dedupes. */
  const restoreUnsent = (): void => {
    const stored = readStored();
    try {
      storage?.removeItem(unsentKey);
    } catch {
      return;
    }
    for (const event of stored.slice(-maxBuffered)) keep(event, true);
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
      // A new instance in this tab (a remount, a hot reload) or its next page sends what is left.
      if (!closed) save();
      closed = true;
      target?.removeEventListener('message', onMessage);
      target?.removeEventListener('pagehide', onPageHide);
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      if (resendTimer !== undefined) clearTimeout(resendTimer);
      wake();
    },
  };
}
