/** Names what went wrong with a call, for `event.error`, without quoting anything the app sent. */
import type { FlowEvent } from '../schema';

type EventError = NonNullable<FlowEvent['error']>;

/** A rejected fetch or a broken body read: timeout, abort by the app, or a network failure. */
export function classifyFailure(error: unknown, signal: AbortSignal | undefined, otherwise: 'network' | 'stream'): EventError {
  const name = errorName(error);
  const reason = signal?.aborted ? errorName(signal.reason) : undefined;
  if (name === 'TimeoutError' || reason === 'TimeoutError') return { kind: 'timeout', message: 'the request timed out (AbortSignal)' };
  if (name === 'AbortError' || signal?.aborted) return { kind: 'abort', message: 'the app aborted the request (AbortSignal)' };
  return { kind: otherwise, message: describe(error) };
}

/**
 * `TypeError: fetch failed (ECONNREFUSED)`: the error's class, message and system code. The
 * message may quote a URL or whatever a custom fetch echoed: the event builder masks it (URLs
 * cut to origin and masked path, values found by the scanner replaced).
 */
function describe(error: unknown): string {
  const name = errorName(error) ?? 'Error';
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return `${name}${message ? `: ${message}` : ''}${typeof code === 'string' ? ` (${code})` : ''}`;
}

function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}
