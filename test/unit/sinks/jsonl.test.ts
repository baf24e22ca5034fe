import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonlSink, rotatedPath } from '../../../sdk/src/sinks/jsonl';
import type { FlowEvent } from '../../../sdk/src/schema';

const event = (seq: number) => ({ id: `event-${String(seq).padStart(4, '0')}`, seq, pad: 'x'.repeat(80) }) as unknown as FlowEvent;

test('one event per line, appended; nothing lost after flush', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'outflow-jsonl-'));
  try {
    const path = join(dir, 'logs', 'events.jsonl');
    const sink = jsonlSink(path);
    void sink.write([event(0), event(1)]);
    void sink.write([event(2)]);
    await sink.flush?.();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { seq: number }).seq), [0, 1, 2]);
    await sink.close?.();
    const again = jsonlSink(path);
    await again.write([event(3)]);
    await again.close?.();
    assert.equal((await readFile(path, 'utf8')).trimEnd().split('\n').length, 4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('rotates by size and keeps maxFiles files, newest first', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'outflow-jsonl-'));
  try {
    const path = join(dir, 'events.jsonl');
    const sink = jsonlSink(path, { maxBytes: 400, maxFiles: 3 });
    for (let i = 0; i < 20; i++) void sink.write([event(i)]);
    await sink.close?.();
    assert.deepEqual((await readdir(dir)).sort(), ['events.1.jsonl', 'events.2.jsonl', 'events.jsonl']);
    const seqs = async (p: string) => (await readFile(p, 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq);
    const current = await seqs(path);
    const previous = await seqs(rotatedPath(path, 1));
    const oldest = await seqs(rotatedPath(path, 2));
    assert.equal(current.at(-1), 19);
    assert.equal(previous.at(-1), (current[0] ?? 0) - 1);
    assert.equal(oldest.at(-1), (previous[0] ?? 0) - 1);
    for (const p of [path, rotatedPath(path, 1)]) assert.ok((await readFile(p)).byteLength <= 400);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
