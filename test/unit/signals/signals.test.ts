/**
 * Usage signals through the real `openai` client against the fake provider, on a clock the test
 * drives: ordinary work raises nothing, each pattern raises its own signal, and the near-miss
 * (one template at a person's pace) is templated but not volume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OutflowBlockedError, OutflowSignalError } from '../../../sdk/src/errors';
import { explainSignal } from '../../../sdk/src/signals/explain';
import { FlowEventSchema, type EventSignal } from '../../../sdk/src/schema';
import { ordinarySession, reasoningSession, sweepSession, templatedSession, ticketSession } from '../../fixtures/prompts/index';
import { setup } from '../intercept/helpers';
import { kindsOf, raisedKinds, signalSetup } from './helpers';

test('an ordinary, varied session at a person\'s pace raises nothing', async () => {
  for (const seed of [1, 2, 3]) {
    const { play } = await signalSetup();
    const events = await play(ordinarySession(seed, 80));
    assert.equal(events.length, 80);
    assert.deepEqual(raisedKinds(events), [], `seed ${seed}`);
    for (const event of events) assert.equal(event.signals, undefined);
  }
});

test('500 prompts of one template with its slots varied raise `templated`, and nothing else', async () => {
  const { play } = await signalSetup();
  const events = await play(templatedSession(7, 500, 20_000));
  assert.deepEqual(raisedKinds(events), ['templated']);
  const last = events.at(-1)!;
  const signal = last.signals![0]!;
  assert.equal(signal.window, '1h');
  assert.equal(signal.action, 'log');
  assert.ok(signal.score >= 0.9, `score ${signal.score}`);
  assert.equal(signal.evidence?.calls, 180, 'an hour of calls, 20 s apart');
  // Not raised before the window holds `minCalls` (30) calls.
  assert.deepEqual(kindsOf(events[28]), []);
  assert.deepEqual(kindsOf(events[40]), ['templated']);
  for (const event of events) FlowEventSchema.parse(event);
  assert.match(explainSignal(signal), /^\d+% of the 180 prompts in the last hour are one template/);
});

test('a reasoning-elicitation batch (en, de, fr, es) raises `reasoning-elicitation`', async () => {
  const { play } = await signalSetup();
  const events = await play(reasoningSession(11, 60, 30_000));
  assert.ok(raisedKinds(events).includes('reasoning-elicitation'));
  const signal = events.at(-1)!.signals!.find((s) => s.kind === 'reasoning-elicitation')!;
  assert.equal(signal.evidence?.share, 1);
});

test('a burst of 10× the app\'s median hour raises `volume` over the hour', async () => {
  const { play } = await signalSetup();
  // Four hours of ordinary use, ten calls an hour: the app's baseline.
  const history = ordinarySession(5, 40).map((prompt) => ({ ...prompt, gapMs: 360_000 }));
  assert.deepEqual(raisedKinds(await play(history)), []);
  // Then 250 calls five seconds apart (no sub-second spacing: the burst alone raises it).
  const burst = ordinarySession(6, 250).map((prompt) => ({ ...prompt, gapMs: 5_000 }));
  const events = await play(burst);
  assert.deepEqual(raisedKinds(events), ['volume']);
  const signal = events.at(-1)!.signals!.find((s) => s.kind === 'volume')!;
  assert.equal(signal.window, '1h');
  assert.equal(signal.evidence?.baselinePerHour, 20, 'the floor: a median hour of 10 calls is below it');
  assert.ok(signal.evidence!.ratio! >= 10, `ratio ${signal.evidence?.ratio}`);
  assert.deepEqual(kindsOf(events[100]), [], 'not before the hour reaches 10× the baseline');
});

test('steady sub-second spacing raises `volume` over the minute', async () => {
  const { play } = await signalSetup();
  const events = await play(ordinarySession(8, 40).map((prompt) => ({ ...prompt, gapMs: 250 })));
  const signal = events.at(-1)!.signals!.find((s) => s.kind === 'volume')!;
  assert.equal(signal.window, '1m');
  assert.equal(signal.evidence?.medianGapMs, 250);
  assert.equal(signal.score, 1);
  assert.deepEqual(kindsOf(events[29]), [], 'thirty gaps are needed');
});

test('near miss: 200 tickets summarised with one template at a person\'s pace are `templated`, not `volume`', async () => {
  const { play } = await signalSetup();
  const events = await play(ticketSession(13, 200, 30_000));
  assert.deepEqual(raisedKinds(events), ['templated']);
});

test('one evaluation frame walking through task categories raises `capability-sweep`', async () => {
  const { play } = await signalSetup();
  const events = await play(sweepSession(96, 30_000));
  assert.deepEqual(raisedKinds(events), ['capability-sweep', 'templated']);
  const sweep = events.at(-1)!.signals!.find((s) => s.kind === 'capability-sweep')!;
  assert.ok(sweep.evidence!.topics! >= 6);
});

test('a signal whose action is `block` refuses the call before it leaves, with one event; `onSignal` hears each raise once', async () => {
  const heard: EventSignal[] = [];
  let now = Date.parse('2026-12-01T09:00:00Z');
  const { fake, sink, outflow } = await setup({ clock: () => now, policy: { signals: { templated: { action: 'block' } } }, onSignal: (s) => heard.push(s) });
  const client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, fetch: outflow.fetch, maxRetries: 2 });
  let refused: OutflowSignalError | undefined;
  let sent = 0;
  for (const prompt of templatedSession(3, 60, 20_000)) {
    now += prompt.gapMs;
    try {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] });
      sent++;
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIConnectionError && error.cause instanceof OutflowSignalError);
      refused = error.cause;
      break;
    }
  }
  await outflow.flush();
  assert.ok(refused instanceof OutflowBlockedError);
  assert.equal(refused.signal.kind, 'templated');
  assert.equal(sent, 29, 'raised once the window holds minCalls (30) calls');
  assert.equal(fake.requests.length, sent, 'the refused call never reached the provider');
  assert.equal(sink.events.length, sent + 1, "one event per call, the client's retries included");
  const last = sink.events.at(-1)!;
  assert.equal(last.decision, 'blocked');
  assert.equal(last.error?.kind, 'signal');
  assert.equal(last.request.bytes, 0);
  assert.equal(last.id, refused.eventId);
  assert.deepEqual(heard.map((s) => s.kind), ['templated']);
});
