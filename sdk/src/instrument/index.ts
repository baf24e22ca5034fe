/**
 * `outflow.instrument()`: for apps whose AI calls cannot be handed `outflow.fetch` (OpenAI
 * Realtime over WebSocket, libraries built on XMLHttpRequest or on the global `fetch`), wraps
 * `globalThis.fetch`, `XMLHttpRequest` and `WebSocket.send` so that calls to AI destinations go
 * through the same path as `outflow.fetch`: scanned, decided, recorded once. Everything else
 * passes straight to the platform, unrecorded. Undone by the function it returns, which puts
 * back exactly what was there. See docs/sdk.md, "Calls that bypass outflow.fetch".
 */
import { OutflowConfigError } from '../errors';
import { instrumentFetch } from './fetch';
import type { InstrumentContext, Restore } from './shared';
import { instrumentWebSocket } from './websocket';
import { instrumentXhr } from './xhr';

export interface InstrumentOptions {
  /** Wrap `globalThis.fetch`. @default true */
  fetch?: boolean;
  /** Wrap `XMLHttpRequest` (its prototype's `open`, `setRequestHeader`, `send` and `abort`), where the runtime has it. @default true */
  xhr?: boolean;
  /** Wrap `WebSocket.prototype.send` and `close`, where the runtime has them. @default true */
  webSocket?: boolean;
}

/** Marks the page as instrumented, across copies of the package. */
const OWNER = Symbol.for('outflow.instrumentation');

/** Wraps what `options` selects and the runtime has; throws when another Outflow instance already instruments this global scope. */
export function instrumentGlobals(ctx: InstrumentContext, options: InstrumentOptions): Restore {
  const scope = globalThis as unknown as Record<symbol, unknown>;
  if (scope[OWNER] !== undefined) {
    throw new OutflowConfigError('instrument(): another Outflow instance already instruments this page; call the function its instrument() returned first');
  }
  const owner = {};
  scope[OWNER] = owner;
  const restores = [
    options.fetch === false ? undefined : instrumentFetch(ctx),
    options.xhr === false ? undefined : instrumentXhr(ctx),
    options.webSocket === false ? undefined : instrumentWebSocket(ctx),
  ].filter((restore) => restore !== undefined);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const restore of restores.reverse()) restore();
    if (scope[OWNER] === owner) delete scope[OWNER];
  };
}
