/**
 * The global `fetch`, wrapped: a call to an AI destination goes through Outflow and is sent with
 * the platform's fetch; every other call is the platform's own, untouched. The wrapper carries
 * the fetch it replaced, so Outflow's own sending (`outflow.fetch`, the OTLP sink) reaches the
 * network directly and is never recorded as an AI call.
 */
import { aiDestination, replaceProperty, type InstrumentContext, type Restore } from './shared';

const ORIGINAL = Symbol.for('outflow.uninstrumented');

/** The fetch under an instrumented wrapper, or `fetchFunction` itself when it is not one. */
export function uninstrumented(fetchFunction: typeof fetch): typeof fetch {
  return (fetchFunction as { [ORIGINAL]?: typeof fetch })[ORIGINAL] ?? fetchFunction;
}

export function instrumentFetch(ctx: InstrumentContext): Restore | undefined {
  const original = globalThis.fetch;
  if (typeof original !== 'function') return undefined;
  let active = true;
  const send = (input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> => original.call(globalThis, input, init);
  const wrapper = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const [input, init] = args;
    if (!active || aiDestination(ctx, input instanceof Request ? input.url : String(input)) === undefined) return Reflect.apply(original, this, args);
    return ctx.intercept(input, init, send);
  };
  Object.defineProperty(wrapper, ORIGINAL, { value: original });
  const restore = replaceProperty(globalThis, 'fetch', wrapper);
  return () => {
    // A wrapper someone kept a reference to passes straight through from now on.
    active = false;
    restore();
  };
}
