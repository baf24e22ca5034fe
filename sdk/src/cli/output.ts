import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes many small strings to a stream in larger pieces and waits for `drain` when the stream is
 * full, so a fast producer (a scan over a 1 GB file) never queues unbounded output in memory.
 */
export class BufferedOutput {
  private pending: string[] = [];
  private pendingChars = 0;

  /**
   * @param stream where the output goes (usually `process.stdout`)
   * @param flushChars characters gathered before a write to the stream. @default 65536
   */
  constructor(
    private readonly stream: Writable,
    private readonly flushChars = 64 * 1024,
  ) {}

  /** Queues `text`; resolves at once unless a write was due and the stream asked to wait. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.flushChars) await this.flush();
  }

  /** Writes what is queued and waits for the stream to drain if it is full. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
