/**
 * Node only: writes events to the organisation's ClickHouse store (the table `outflow clickhouse
 * init` creates, which the sink also creates on first use). A batch the server refuses or cannot
 * take is kept and retried with exponential backoff, up to `maxBufferedEvents` (then the oldest
 * are dropped and counted in `stats().dropped`); loads are idempotent by event id, so a retry
 * that reaches the server twice changes no query result. For a record that survives anything,
 * pair it with `jsonlSink` and backfill with `outflow clickhouse load`.
 */
import { eventRow } from '../clickhouse/row';
import { openEventStore, type ClickHouseOptions } from '../clickhouse/store';
import type { FlowEvent } from '../schema';
import type { Sink } from './types';

export interface ClickHouseSinkOptions extends ClickHouseOptions {
  /** Create the table when the first batch is written. @default true */
  createTable?: boolean;
  /** Events kept for retry while the server is down; beyond it the oldest are dropped. @default 50000 */
  maxBufferedEvents?: number;
  /** First retry delay; it doubles up to `maxRetryDelayMs`. @default 1000 */
  retryDelayMs?: number;
  /** @default 60000 */
  maxRetryDelayMs?: number;
}

export interface ClickHouseSink extends Sink {
  /** Events waiting for a retry. */
  readonly pending: number;
}

export function clickhouseSink(options: ClickHouseSinkOptions): ClickHouseSink {
  const store = openEventStore(options);
  const maxBuffered = options.maxBufferedEvents ?? 50_000;
  const firstDelay = options.retryDelayMs ?? 1000;
  const maxDelay = options.maxRetryDelayMs ?? 60_000;
  let tableReady: Promise<void> | undefined = options.createTable === false ? Promise.resolve() : undefined;
  let buffered: FlowEvent[] = [];
  let dropped = 0;
  let delay = firstDelay;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Writes and retries run one at a time, in order.
  let chain: Promise<void> = Promise.resolve();

  const send = async (events: FlowEvent[]): Promise<void> => {
    tableReady ??= store.init().catch((error: unknown) => {
      tableReady = undefined;
      throw error;
    });
    await tableReady;
    const loadedAt = Date.now();
    await store.insert(events.map((event) => eventRow(event, loadedAt)));
  };

  const keep = (events: FlowEvent[]): void => {
    buffered.push(...events);
    const over = buffered.length - maxBuffered;
    if (over > 0) {
      buffered = buffered.slice(over);
      dropped += over;
    }
  };

  const scheduleRetry = (): void => {
    if (timer !== undefined || buffered.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void enqueue(retryBuffered).catch(() => undefined);
    }, delay);
    // A retry timer must not keep a finished process alive; `flush()` retries once more itself.
    (timer as { unref?: () => void }).unref?.();
    delay = Math.min(delay * 2, maxDelay);
  };

  async function retryBuffered(): Promise<void> {
    if (buffered.length === 0) return;
    const batch = buffered;
    buffered = [];
    try {
      await send(batch);
      delay = firstDelay;
    } catch (error) {
      keep(batch);
      scheduleRetry();
      throw error;
    }
  }

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const next = chain.then(task);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    name: 'clickhouse',
    get dropped() {
      return dropped;
    },
    get pending() {
      return buffered.length;
    },
    write(events) {
      return enqueue(async () => {
        // Older events first: a batch waiting for a retry goes before this one.
        const batch = buffered.length > 0 ? [...buffered.splice(0), ...events] : events;
        try {
          await send(batch);
          delay = firstDelay;
        } catch (error) {
          keep(batch);
          scheduleRetry();
          throw error;
        }
      });
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      return enqueue(retryBuffered);
    },
    async close() {
      await this.flush?.().catch(() => undefined);
      clearTimeout(timer);
      timer = undefined;
      // What the server never took is lost with the process: count it.
      dropped += buffered.length;
      buffered = [];
      await store.close();
    },
  };
}
