import type { FlowEvent } from '../schema';

/**
 * Where events go. `write` receives batches asynchronously, off the call's path: a slow or
 * failing sink never delays or breaks an AI call (its failures are counted in `stats().errors`
 * and passed to `onError`).
 */
export interface Sink {
  readonly name: string;
  write(events: FlowEvent[]): void | Promise<void>;
  /** Resolves once everything written so far is durably delivered. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
  /** Events the sink itself had to drop (a bounded buffer that overflowed); added to `stats().dropped`. */
  readonly dropped?: number;
}
