import type { FlowEvent } from '../schema';
import type { Sink } from './types';

export interface MemorySink extends Sink {
  /** Every event received, in order. */
  readonly events: FlowEvent[];
  /** Empties `events`. */
  clear(): void;
}

/** Keeps events in an array: for tests, and for apps that show their own recent calls. */
export function memorySink(options: { name?: string } = {}): MemorySink {
  const events: FlowEvent[] = [];
  return {
    name: options.name ?? 'memory',
    events,
    write(batch) {
      events.push(...batch);
    },
    clear() {
      events.length = 0;
    },
  };
}
