/**
 * The work that finishes a call — parsing token usage, building the event, computing sample
 * fingerprints — runs after the app has its response body, so none of it delays the app. It is
 * queued here and run in a task of its own, or at once when another event is about to be
 * recorded or when Outflow is flushed: events keep the order in which their calls finished.
 */
export class CompletionQueue {
  private readonly pending: (() => void)[] = [];
  private scheduled = false;
  private draining = false;

  defer(work: () => void): void {
    this.pending.push(work);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.drain();
    }, 0);
  }

  /** Runs everything queued, in order. Work that records an event calls back in here: that call returns at once. */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let work = this.pending.shift(); work !== undefined; work = this.pending.shift()) {
        try {
          work();
        } catch {
          // Each piece of work reports its own failures (see fetch.ts); one must not stop the rest.
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
