import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventDispatcher } from '../../../sdk/src/sinks/dispatcher';
import { memorySink } from '../../../sdk/src/sinks/memory';
import type { FlowEvent } from '../../../sdk/src/schema';
import type { Sink } from '../../../sdk/src/sinks/types';

const event = (seq: number) => ({ id: `event-${String(seq).padStart(4, '0')}`, seq }) as unknown as FlowEvent;

test('events reach sinks later, in batches, never during dispatch', async () => {
  const sink = memorySink();
  const batches: number[] = [];
  const counting: Sink = { name: 'count', write: (b) => void batches.push(b.length) };
  const dispatcher = new EventDispatcher([sink, counting], { maxQueued: 1000, onDropped: () => undefined, onError: () => undefined });
  for (let i = 0; i < 250; i++) dispatcher.dispatch(event(i));
  assert.equal(sink.events.length, 0);
  await dispatcher.flush();
  assert.equal(sink.events.length, 250);
  assert.deepEqual(sink.events.map((e) => e.seq), Array.from({ length: 250 }, (_, i) => i));
  assert.deepEqual(batches, [100, 100, 50]);
});

test('a throwing sink is reported and does not stop the others', async () => {
  const errors: string[] = [];
  const good = memorySink();
  const bad: Sink = { name: 'bad', write: () => { throw new Error('disk on fire'); } };
  const rejecting: Sink = { name: 'rejecting', write: () => Promise.reject(new Error('nope')) };
  const dispatcher = new EventDispatcher([bad, rejecting, good], { maxQueued: 10, onDropped: () => undefined, onError: (_e, s) => errors.push(s.name) });
  dispatcher.dispatch(event(1));
  await dispatcher.flush();
  assert.equal(good.events.length, 1);
  assert.deepEqual(errors.sort(), ['bad', 'rejecting']);
});

test('a slow sink delays only itself; its full queue drops and counts', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow: Sink = { name: 'slow', write: () => gate };
  const fast = memorySink();
  let dropped = 0;
  const dispatcher = new EventDispatcher([slow, fast], { maxQueued: 5, onDropped: (n) => (dropped += n), onError: () => undefined });
  dispatcher.dispatch(event(0));
  await new Promise((resolve) => setTimeout(resolve, 10));
  // The slow sink is now stuck writing event 0; its queue takes five more.
  for (let i = 1; i <= 8; i++) {
    dispatcher.dispatch(event(i));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert.equal(fast.events.length, 9);
  assert.equal(dropped, 3);
  release();
  await dispatcher.flush();
});
