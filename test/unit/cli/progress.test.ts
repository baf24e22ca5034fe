import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Progress } from '../../../sdk/src/cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('Progress', () => {
  test('on a TTY: nothing for short runs, then a line rewritten with \\r, erased at the end', () => {
    let now = 0;
    const stream = fakeStream(true);
    const progress = new Progress(stream, 'scanning big.log', { delayMs: 1000, intervalMs: 250, now: () => now });
    now = 500;
    progress.advance(10_000_000, 1000);
    assert.deepEqual(stream.writes, [], 'quiet during the first second');
    now = 2000;
    progress.advance(10_000_000, 1000);
    assert.equal(stream.writes.length, 1);
    assert.equal(stream.writes[0], '\r\x1b[Kscanning big.log: 20.0 MB, 2,000 lines, 10.0 MB/s');
    now = 2100;
    progress.advance(1, 1);
    assert.equal(stream.writes.length, 1, 'redraws are throttled');
    progress.done();
    assert.equal(stream.writes.at(-1), '\r\x1b[K');
  });

  test('not a TTY: never writes', () => {
    let now = 0;
    const stream = fakeStream(false);
    const progress = new Progress(stream, 'x', { now: () => now });
    for (let i = 0; i < 10; i++) {
      now += 5000;
      progress.advance(1e6, 10);
    }
    progress.done();
    assert.deepEqual(stream.writes, []);
  });
});
