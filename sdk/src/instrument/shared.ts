/** What the instrumentations share: the context Outflow gives them and the way they replace a property. */
import { OutflowBlockedError } from '../errors';
import type { Interceptor } from '../intercept/fetch';
import { locationHref } from '../intercept/request-body';

export interface InstrumentContext {
  /** One call through Outflow (intercept/fetch.ts), sent through the transport given. */
  intercept: Interceptor;
  /** Only calls to these are intercepted: the built-in AI hosts, the `providers` map, Ollama's port. */
  isAiDestination(url: URL): boolean;
  /** The policy can redact or block: nothing may leave before its scan. */
  scanFirst: boolean;
}

/** Puts back what an instrumentation replaced. */
export type Restore = () => void;

/**
 * Replaces `target[name]` with `replacement` (named like the original); the returned function
 * puts back exactly the property that was there, descriptor and all.
 */
export function replaceProperty(target: object, name: string, replacement: (...args: never[]) => unknown): Restore {
  const original = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(replacement, 'name', { value: name });
  Object.defineProperty(target, name, { value: replacement, writable: true, configurable: true, enumerable: original?.enumerable ?? false });
  return () => {
    if (original) Object.defineProperty(target, name, original);
    else delete (target as Record<string, unknown>)[name];
  };
}

/** The URL of a call when it goes to an AI destination; undefined for every other call (and for a URL the platform will refuse itself). */
export function aiDestination(ctx: InstrumentContext, target: string | URL): URL | undefined {
  try {
    const url = new URL(target, locationHref());
    return ctx.isAiDestination(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A buffer body as its bytes are now. The platform copies them when `send()` is called; Outflow
 * reads (and under a scan-first policy sends) them later, and must not see what the app writes
 * into its buffer meanwhile (an audio buffer reused for the next chunk).
 */
export function snapshot<T>(body: T): T | Uint8Array<ArrayBuffer> {
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  return body;
}

export function isBlocked(error: unknown): error is OutflowBlockedError {
  return error instanceof OutflowBlockedError;
}

/** A rejection whose outcome is already in the call's event. */
export function recorded(): void {
  // Nothing to do: the event says how the call ended.
}
