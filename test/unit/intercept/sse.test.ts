import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamParser } from '../../../sdk/src/intercept/sse';

const encode = (text: string) => new TextEncoder().encode(text);

test('events split across chunks at any byte are parsed whole, CRLF included', () => {
  const wire = 'event: message_start\r\ndata: {"a":1}\r\n\r\ndata: {"b":\ndata: 2}\n\ndata: [DONE]\n\n';
  for (let cut = 1; cut < wire.length; cut++) {
    const seen: [string, string][] = [];
    const parser = new EventStreamParser((data, event) => seen.push([event, data]));
    parser.push(encode(wire.slice(0, cut)));
    parser.push(encode(wire.slice(cut)));
    parser.end();
    assert.deepEqual(seen, [['message_start', '{"a":1}'], ['', '{"b":\n2}'], ['', '[DONE]']], `cut at ${cut}`);
  }
});

test('a stream without newlines is skipped in bounded memory and linear time, and parsing resumes after it', () => {
  const seen: string[] = [];
  const parser = new EventStreamParser((data) => seen.push(data));
  const chunk = encode('x'.repeat(64 * 1024));
  const started = performance.now();
  for (let i = 0; i < 256; i++) parser.push(chunk); // 16 MB in one "line"
  const elapsed = performance.now() - started;
  parser.push(encode('\ndata: {"usage":1}\n\n'));
  parser.end();
  assert.deepEqual(seen, ['{"usage":1}']);
  // Re-searching the whole buffer per chunk would take minutes here; linear takes milliseconds.
  assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
});
