/**
 * The progress line a person watching a long scan sees on a terminal: bytes and lines done and
 * throughput, rewritten in place with `\r` and erased at the end. Nothing at all when stderr is
 * not a TTY, so logs and pipes stay clean.
 */

/** What `Progress` needs from stderr. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Quiet period before the first line, so short inputs never show one. @default 1000 */
  delayMs?: number;
  /** Minimum time between two redraws. @default 250 */
  intervalMs?: number;
  /** Clock, replaceable in tests. @default performance.now */
  now?: () => number;
}

const ERASE_LINE = '\r\x1b[K';

export class Progress {
  private bytes = 0;
  private lines = 0;
  private shown = false;
  private readonly startedAt: number;
  private lastDrawAt: number;
  private readonly enabled: boolean;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.enabled = stream.isTTY === true;
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 250;
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.lastDrawAt = this.startedAt;
  }

  /** Records work done; redraws at most every `intervalMs`, and only on a TTY. */
  advance(bytes: number, lines: number): void {
    this.bytes += bytes;
    this.lines += lines;
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.startedAt < this.delayMs || t - this.lastDrawAt < this.intervalMs) return;
    this.lastDrawAt = t;
    this.shown = true;
    const seconds = (t - this.startedAt) / 1000;
    const mb = this.bytes / 1e6;
    this.stream.write(
      `${ERASE_LINE}${this.label}: ${mb.toFixed(1)} MB, ${this.lines.toLocaleString('en-US')} lines, ${(mb / seconds).toFixed(1)} MB/s`,
    );
  }

  /** Erases the line if one was drawn. */
  done(): void {
    if (this.shown) this.stream.write(ERASE_LINE);
    this.shown = false;
  }
}
