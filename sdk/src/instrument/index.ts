/**
 * `outflow.instrument()`: for apps whose AI calls cannot be handed `outflow.fetch` (OpenAI
 * Realtime over WebSocket, libraries built on XMLHttpRequest or on the global `fetch`), wraps
 * `globalThis.fetch`, `XMLHttpRequest` and `WebSocket.send` so that calls to AI destinations go
 * through the same path as `outflow.fetch`: scanned, decided, recorded once. Everything else
 * passes straight to the platform, unrecorded. Undone by the function it returns, which puts
 * back exactly what was there. See docs/sdk.md, "Calls that bypass outflow.fetch".
 */
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

/** The instrumentation in place on this global scope, across copies of the package. */
const CURRENT = Symbol.for('outflow.instrumentation');

export interface Instrumentation {
  /** Puts back exactly what was replaced; does nothing once done, or once another instance took over. */
  restore: Restore;
  /** Still the page's instrumentation: neither restored nor taken over. */
  readonly installed: boolean;
}

/**
 * Wraps what `options` selects and the runtime has. A page has one observer: an instrumentation
 * already in place (another instance's, or one a test left behind) is restored first, so this
 * one wraps the platform's own members and no call is recorded twice.
 */
export function instrumentGlobals(ctx: InstrumentContext, options: InstrumentOptions): Instrumentation {
  const scope = globalThis as unknown as Record<symbol, Instrumentation | undefined>;
  scope[CURRENT]?.restore();
  const restores = [
    options.fetch === false ? undefined : instrumentFetch(ctx),
    options.xhr === false ? undefined : instrumentXhr(ctx),
    options.webSocket === false ? undefined : instrumentWebSocket(ctx),
  ].filter((restore) => restore !== undefined);
  let installed = true;
  const instrumentation: Instrumentation = {
    restore() {
      if (!installed) return;
      installed = false;
      for (const restore of restores.reverse()) restore();
      if (scope[CURRENT] === instrumentation) delete scope[CURRENT];
    },
    get installed() {
      return installed;
    },
  };
  scope[CURRENT] = instrumentation;
  return instrumentation;
}
