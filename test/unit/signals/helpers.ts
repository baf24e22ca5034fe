/** Plays scripted prompt sessions through the real `openai` client and Outflow, on a clock the test drives. */
import OpenAI from 'openai';
import type { FlowEvent, PolicyInput, SignalKind } from '../../../sdk/src/schema';
import type { ScriptedPrompt } from '../../fixtures/prompts/index';
import { setup } from '../intercept/helpers';

export const START = Date.parse('2026-12-01T09:00:00Z');

export async function signalSetup(policy: PolicyInput = {}) {
  let now = START;
  const ctx = await setup({ policy, clock: () => now });
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL: `${ctx.fake.url}/v1`, fetch: ctx.outflow.fetch, maxRetries: 0 });
  /** Sends each prompt after advancing the clock by its gap; returns the events of these calls. */
  const play = async (prompts: readonly ScriptedPrompt[]): Promise<FlowEvent[]> => {
    const before = ctx.sink.events.length;
    for (const prompt of prompts) {
      now += prompt.gapMs;
      await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are a helpful assistant for Acme staff.' }, { role: 'user', content: prompt.text }] });
    }
    await ctx.outflow.flush();
    return ctx.sink.events.slice(before);
  };
  return { ...ctx, openai, play, advance: (ms: number) => (now += ms), now: () => now };
}

/** The kinds of signal the event carries. */
export const kindsOf = (event: FlowEvent | undefined): SignalKind[] => (event?.signals ?? []).map((s) => s.kind).sort();

/** Every kind raised on any of the events. */
export const raisedKinds = (events: readonly FlowEvent[]): SignalKind[] => [...new Set(events.flatMap(kindsOf))].sort();
