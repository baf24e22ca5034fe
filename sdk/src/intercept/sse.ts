/**
 * An incremental parser for server-sent events (and newline-delimited JSON, which is the same
 * minus the `data:` prefix). Fed raw chunks as they pass through; calls back with each event's
 * data. Only what usage extraction needs: `event:` and `data:` fields, events ended by a blank line.
 */

/** A line or an event longer than this is not one usage extraction needs: it is skipped, not kept. */
const MAX_PENDING_CHARS = 1 << 20;

export class EventStreamParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  /** Inside an over-long line being skipped up to its end. */
  private skippingLine = false;
  private data: string[] = [];
  private dataChars = 0;
  private event = '';

  constructor(
    private readonly onEvent: (data: string, event: string) => void,
    /** NDJSON: every non-empty line is one event's data. */
    private readonly ndjson = false,
  ) {}

  push(chunk: Uint8Array): void {
    const carried = this.buffer.length;
    const text = this.buffer + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    // The carried part holds no newline: the search starts after it, so no text is searched twice.
    let newline = text.indexOf('\n', carried);
    while (newline >= 0) {
      if (this.skippingLine) this.skippingLine = false;
      else this.line(text.slice(start, text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.buffer = text.slice(start);
    if (this.buffer.length > MAX_PENDING_CHARS) {
      this.buffer = '';
      this.skippingLine = true;
    }
  }

  end(): void {
    this.buffer += this.decoder.decode();
    if (this.buffer.length > 0 && !this.skippingLine) this.line(this.buffer);
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (this.ndjson) {
      if (line.trim() !== '') this.onEvent(line, '');
      return;
    }
    if (line === '') {
      if (this.data.length > 0 && this.dataChars <= MAX_PENDING_CHARS) this.onEvent(this.data.join('\n'), this.event);
      this.data = [];
      this.dataChars = 0;
      this.event = '';
      return;
    }
    if (line.startsWith('data:')) {
      const data = line.slice(line.startsWith('data: ') ? 6 : 5);
      this.dataChars += data.length;
      if (this.dataChars <= MAX_PENDING_CHARS) this.data.push(data);
    }
    else if (line.startsWith('event:')) this.event = line.slice(6).trim();
  }
}
