/**
 * WebSocket frames to AI destinations (OpenAI Realtime, Gemini Live). A call is one frame the
 * app sends: each is read, scanned, decided and recorded as one event (method `WEBSOCKET`, no
 * response: a frame has no answer of its own). `send` returns at once, as the platform's does;
 * under a policy that can redact or block, the socket's frames wait in order for their scans,
 * and a blocked frame is dropped — never sent — with an `error` event on the socket whose
 * `error` is the `OutflowBlockedError`. A `close()` waits for the frames before it.
 */
import type { Transport } from '../intercept/fetch';
import { aiDestination, isBlocked, recorded, replaceProperty, snapshot, type InstrumentContext, type Restore } from './shared';

type Frame = Parameters<WebSocket['send']>[0];

const delivered: Transport<undefined> = () => Promise.resolve(undefined);

export function instrumentWebSocket(ctx: InstrumentContext): Restore | undefined {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (typeof Socket !== 'function') return undefined;
  const proto = Socket.prototype;
  const { send, close } = proto;
  /** Each socket's frames still waiting for their scan, as one chain so they leave in order. */
  const queues = new WeakMap<WebSocket, Promise<void>>();
  let active = true;

  const restores = [
    replaceProperty(proto, 'send', function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      // Before the socket opens the platform throws, and once closing it discards: nothing leaves either way.
      const url = active && args.length > 0 && this.readyState === Socket.OPEN ? aiDestination(ctx, this.url) : undefined;
      if (url === undefined) return Reflect.apply(send, this, args) as undefined;
      const frame = snapshot(args[0]);
      const init: RequestInit = { method: 'WEBSOCKET', body: frame as BodyInit };
      if (!ctx.scanFirst) {
        send.call(this, args[0]);
        ctx.intercept(url.href, init, delivered).catch(recorded);
        return;
      }
      const socket = this;
      const transport: Transport<undefined> = (_input, outgoing) => {
        if (socket.readyState !== Socket.OPEN) return Promise.reject(new Error('the WebSocket closed before the frame was sent'));
        send.call(socket, outgoing?.body === frame ? frame : asFrame(outgoing?.body, frame));
        return Promise.resolve(undefined);
      };
      const queued = (queues.get(socket) ?? Promise.resolve())
        .then(() => ctx.intercept(url.href, init, transport))
        .then(recorded, (error: unknown) => {
          if (isBlocked(error)) socket.dispatchEvent(blockedEvent(error));
        });
      queues.set(socket, queued);
      void queued.then(() => {
        if (queues.get(socket) === queued) queues.delete(socket);
      });
    }),
    replaceProperty(proto, 'close', function (this: WebSocket, ...args: Parameters<WebSocket['close']>) {
      const queued = queues.get(this);
      // Arguments the platform refuses are refused now, as they would have been.
      if (!queued || !validClose(args)) return Reflect.apply(close, this, args) as undefined;
      void queued.then(() => Reflect.apply(close, this, args));
    }),
  ];

  return () => {
    active = false;
    for (const restore of restores.reverse()) restore();
  };
}

/** A redacted frame keeps its kind: text stays text, a binary frame is sent as the redacted text's bytes. */
function asFrame(redacted: unknown, original: Frame): Frame {
  if (typeof redacted !== 'string') return original;
  return typeof original === 'string' ? redacted : new TextEncoder().encode(redacted);
}

/** `close(code?, reason?)` as the platform accepts it: 1000 or 3000–4999, a reason of at most 123 bytes. */
function validClose([code, reason]: Parameters<WebSocket['close']>): boolean {
  if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999)) return false;
  return reason === undefined || new TextEncoder().encode(reason).byteLength <= 123;
}

function blockedEvent(error: Error): Event {
  if (typeof ErrorEvent === 'function') return new ErrorEvent('error', { error, message: error.message });
  return Object.assign(new Event('error'), { error });
}
