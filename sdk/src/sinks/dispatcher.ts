/**
 * Delivers events to sinks off the call's path: events queue per sink and leave in batches from a
 * timer, so a call never waits for a sink. Each sink has its own bounded queue (overflow is
 * dropped and counted) and writes one batch at a time; a slow or failing sink delays only itself.
 */
import { LIMITS, type FlowEvent } from '../schema';
import type { Sink } from './types';

export interface DispatcherOptions {
  /** Events waiting per sink before new ones are dropped. */
  maxQueued: number;
  onDropped(count: number): void;
  onError(error: unknown, sink: Sink): void;
}

export class EventDispatcher {
  private readonly lanes: SinkLane[];

  constructor(sinks: readonly Sink[], private readonly options: DispatcherOptions) {
    this.lanes = sinks.map((sink) => new SinkLane(sink, options));
  }

  dispatch(event: FlowEvent): void {
    for (const lane of this.lanes) lane.push(event);
  }

  /** Resolves once every sink has received every event dispatched so far, and flushed it. */
  async flush(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.flush()));
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all(
      this.lanes.map(async (lane) => {
        try {
          await lane.sink.close?.();
        } catch (error) {
          this.options.onError(error, lane.sink);
        }
      }),
    );
  }
}

class SinkLane {
  private queue: FlowEvent[] = [];
  private running: Promise<void> | undefined;
  private scheduled: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly sink: Sink,
    private readonly options: DispatcherOptions,
  ) {}

  push(event: FlowEvent): void {
    if (this.queue.length >= this.options.maxQueued) {
      this.options.onDropped(1);
      return;
    }
    this.queue.push(event);
    this.schedule();
  }

  async flush(): Promise<void> {
    clearTimeout(this.scheduled);
    this.scheduled = undefined;
    while (this.running || this.queue.length > 0) await this.run();
    try {
      await this.sink.flush?.();
    } catch (error) {
      this.options.onError(error, this.sink);
    }
  }

  private schedule(): void {
    if (this.scheduled !== undefined || this.running) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      void this.run();
    }, 0);
  }

  private run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.schedule();
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, LIMITS.eventsPerBatch);
      try {
        await this.sink.write(batch);
      } catch (error) {
        this.options.onError(error, this.sink);
      }
    }
  }
}
