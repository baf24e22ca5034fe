/**
 * An incremental parser for server-sent events (and newline-delimited JSON, which is the same
 * minus the `data:` prefix). Fed raw chunks as they pass through; calls back with each event's
 * data. Only what usage extraction needs: `event:` and `data:` fields, events ended by a blank line.
 */

export class EventStreamParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private data: string[] = [];
  private event = '';

  constructor(
    private readonly onEvent: (data: string, event: string) => void,
    /** NDJSON: every non-empty line is one event's data. */
    private readonly ndjson = false,
  ) {}

  push(chunk: Uint8Array): void {
    const text = this.buffer + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      this.line(text.slice(start, text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    // Only the unfinished last line is kept, so a chunk is never rescanned.
    this.buffer = text.slice(start);
  }

  end(): void {
    this.buffer += this.decoder.decode();
    if (this.buffer.length > 0) this.line(this.buffer);
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (this.ndjson) {
      if (line.trim() !== '') this.onEvent(line, '');
      return;
    }
    if (line === '') {
      if (this.data.length > 0) this.onEvent(this.data.join('\n'), this.event);
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith('data:')) this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    else if (line.startsWith('event:')) this.event = line.slice(6).trim();
  }
}
