/**
 * Budgets and usage signals (issue 15): what they add to each call, what their sketches weigh,
 * how often each signal fires on ordinary work, and how close the pre-call token estimate is.
 *
 * - `overhead`: the guard's work per call as shipped (bundled, see shipped.ts) — measuring the
 *   prompt (token estimate + sketch), deciding two budgets and the four signals, settling the
 *   provider's usage — over ordinary prompts, next to a `/\d/g` pass over the same prompts as
 *   the machine's reference.
 * - `memory`: heap retained per sketched call, 100,000 calls over 50 app × provider pairs in one
 *   hour (all of them held: 2,000 per pair is the cap).
 * - `falsePositives`: ordinary sessions at a person's pace, the share in which each signal was
 *   raised at least once — varied work prompts; the same by people who open half their requests
 *   the same way; requests with a document of the real-world corpus pasted in (e-mails, logs,
 *   configs, exports, with their findings) — and, as a check that the defaults still catch
 *   them, the scripted patterns.
 * - `tokenEstimate`: `estimateTokens` against the o200k tokenizer (gpt-tokenizer, a
 *   devDependency) on ordinary prompts, the typical corpus, and German/French/Spanish text.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { PolicySchema, type EventSignal, type PolicyInput } from '../sdk/src/schema';
import type * as GuardModule from './signals-entry';
import type { TextField } from '../sdk/src/providers';
import { Rng } from '../test/fixtures/corpus/prng';
import { generateTypicalCorpus } from '../test/fixtures/corpus/typical';
import { corpusHalf } from '../test/fixtures/corpus/real-world';
import { documentSession, habitualSession, ordinarySession, reasoningSession, sweepSession, templatedSession, ticketSession, type ScriptedPrompt } from '../test/fixtures/prompts/index';
import { importShipped } from './shipped';

type Guard = typeof GuardModule;
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
const START = Date.parse('2026-12-01T09:00:00Z');

const field = (text: string): TextField => ({ field: 'messages[1].content', text, replace: () => undefined });
const system = field('You are a helpful assistant for Acme staff.');
const systemField: TextField = { ...system, field: 'messages[0].content' };

function guardFor(guard: Guard, policy: PolicyInput = {}) {
  return guard.createUsageGuard({ policy: PolicySchema.parse(policy), app: 'bench-app', sessionId: 'bench' });
}

/** Plays `prompts` through a fresh guard; the kinds raised at any call. */
function play(guard: Guard, prompts: readonly ScriptedPrompt[]): Set<EventSignal['kind']> {
  const g = guardFor(guard);
  const raised = new Set<EventSignal['kind']>();
  let at = START;
  for (const prompt of prompts) {
    at += prompt.gapMs;
    const user = field(prompt.text);
    const features = g.measure([systemField, user], new Map([[user, prompt.findings ?? []]]));
    const admission = g.admit({ at, provider: 'openai', bytes: prompt.text.length + 120, features });
    for (const signal of admission.signals) raised.add(signal.kind);
    g.settle(admission, { tokensIn: features.tokenEstimate, tokensOut: 40 });
  }
  return raised;
}

/** Per-call cost on ordinary prompts and on 4 KB ones (prose, code, pasted documents). */
function overhead(guard: Guard) {
  const ordinary = Array.from({ length: 40 }, (_, s) => ordinarySession(100 + s, 50)).flat().map((p) => p.text);
  // Round-tripped through JSON, as a request body's parser hands the fields over (flat strings, not slices of the corpus).
  const fourKb = (JSON.parse(JSON.stringify(generateTypicalCorpus(11, 2_000 * 4096).match(/[\s\S]{4096}/g) ?? [])) as string[]).slice(0, 2000);
  const budgets: PolicyInput = {
    budgets: [
      { id: 'calls', scope: 'app', window: '1h', maxCalls: 1_000_000, action: 'block' },
      { id: 'tokens', scope: 'provider', window: '1d', maxTokens: 1_000_000_000, action: 'log' },
    ],
  };
  return {
    signalsOnly: { ordinaryPrompts: overheadOn(guard, ordinary, {}), prompts4kb: overheadOn(guard, fourKb, {}) },
    signalsAndTwoBudgets: { ordinaryPrompts: overheadOn(guard, ordinary, budgets), prompts4kb: overheadOn(guard, fourKb, budgets) },
  };
}

function overheadOn(guard: Guard, prompts: readonly string[], policy: PolicyInput) {
  const g = guardFor(guard, policy);
  const chars = prompts.reduce((sum, p) => sum + p.length, 0);
  let at = START;
  const round1 = (): number => {
    const started = performance.now();
    for (const text of prompts) {
      at += 1000;
      const features = g.measure([systemField, field(text)], new Map());
      const admission = g.admit({ at, provider: 'openai', bytes: text.length, features });
      g.settle(admission, { tokensIn: features.tokenEstimate, tokensOut: 40 });
    }
    return ((performance.now() - started) * 1000) / prompts.length;
  };
  const reference = (): number => {
    const started = performance.now();
    let n = 0;
    for (const text of prompts) n += text.match(/\d/g)?.length ?? 0;
    if (n < 0) throw new Error('unreachable');
    return ((performance.now() - started) * 1000) / prompts.length;
  };
  for (let i = 0; i < 5; i++) round1();
  const runs = Array.from({ length: 15 }, () => ({ guard: round1(), reference: reference() })).sort((a, b) => a.guard - b.guard);
  const median = runs[7]!;
  return {
    calls: prompts.length,
    meanPromptChars: Math.round(chars / prompts.length),
    perCallUs: { best: round(runs[0]!.guard), median: round(median.guard) },
    referenceDigitPassUs: round(median.reference, 3),
    goalUs: 50,
  };
}

function memory(guard: Guard) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const texts = Array.from({ length: 20 }, (_, s) => ordinarySession(500 + s, 100)).flat().map((p) => p.text);
  const g = guardFor(guard);
  const features = texts.map((text) => g.measure([field(text)], new Map()));
  gc();
  const before = process.memoryUsage().heapUsed;
  const calls = 100_000;
  for (let i = 0; i < calls; i++) {
    // 50 app × provider pairs, 100,000 calls inside one hour: every sketch is held.
    g.admit({ at: START + Math.floor(i / 30), provider: `provider-${i % 50}`, bytes: 500, features: { ...features[i % features.length]!, sketch: { ...features[i % features.length]!.sketch!, bins: features[i % features.length]!.sketch!.bins.slice() } } });
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  return { sketchedCalls: g.monitor.sketchedCalls, heapBytesPer100kCalls: after - before, bytesPerCall: Math.round((after - before) / calls) };
}

/** Share of `sessions` sessions in which each signal was raised at least once. */
function raisedShare(guard: Guard, sessions: number, make: (index: number, rng: Rng) => ScriptedPrompt[]) {
  const rng = new Rng(2026);
  const raised: Record<string, number> = { volume: 0, templated: 0, 'reasoning-elicitation': 0, 'capability-sweep': 0 };
  let prompts = 0;
  for (let s = 0; s < sessions; s++) {
    const session = make(s, rng);
    prompts += session.length;
    for (const kind of play(guard, session)) raised[kind]!++;
  }
  return { sessions, prompts, sessionsRaisedShare: Object.fromEntries(Object.entries(raised).map(([kind, n]) => [kind, round(n / sessions, 4)])) };
}

const HABITS = ['Hi! Quick question:', 'Hey, could you help me with this?', 'Bonjour, petite question :', 'Hallo, kurze Frage:', 'Please help:'];

function falsePositives(guard: Guard) {
  const documents = corpusHalf('dev');
  const varied = raisedShare(guard, 400, (s, rng) => ordinarySession(10_000 + s, rng.int(10, 120)).map((p) => ({ ...p, gapMs: rng.int(20_000, 300_000) })));
  const habitual = raisedShare(guard, 200, (s, rng) => habitualSession(20_000 + s, rng.int(10, 120), HABITS[s % HABITS.length]!));
  const pastedDocuments = raisedShare(guard, 200, (s, rng) => documentSession(30_000 + s, rng.int(10, 80), documents));
  const detected = {
    templated500: [...play(guard, templatedSession(1, 500, 20_000))].sort(),
    tickets200HumanPace: [...play(guard, ticketSession(2, 200, 30_000))].sort(),
    reasoning60: [...play(guard, reasoningSession(3, 60, 30_000))].sort(),
    sweep96: [...play(guard, sweepSession(96, 30_000))].sort(),
    pace40At250ms: [...play(guard, ordinarySession(4, 40).map((p) => ({ ...p, gapMs: 250 })))].sort(),
  };
  return { variedWork: varied, habitualOpening: habitual, pastedDocuments, goalShare: 0.01, patterns: detected };
}

function tokenEstimate(guard: Guard) {
  const samples: Record<string, string[]> = {
    ordinaryPrompts: Array.from({ length: 10 }, (_, s) => ordinarySession(900 + s, 50)).flat().map((p) => p.text),
    typicalCorpus: generateTypicalCorpus(7, 400_000).match(/[\s\S]{1,2000}/g) ?? [],
    templatedAndReasoning: [...templatedSession(5, 100, 0), ...reasoningSession(6, 100, 0)].map((p) => p.text),
  };
  const out: Record<string, unknown> = {};
  for (const [name, texts] of Object.entries(samples)) {
    const errors = texts.map((text) => {
      const real = encode(text).length;
      return (guard.estimateTokensForBench(text) - real) / Math.max(1, real);
    });
    const abs = errors.map(Math.abs).sort((a, b) => a - b);
    const total = texts.reduce((sum, t) => sum + encode(t).length, 0);
    const estimated = texts.reduce((sum, t) => sum + guard.estimateTokensForBench(t), 0);
    out[name] = {
      texts: texts.length,
      meanAbsError: round(abs.reduce((a, b) => a + b, 0) / abs.length, 3),
      p95AbsError: round(abs[Math.floor(abs.length * 0.95)]!, 3),
      totalBias: round((estimated - total) / total, 3),
    };
  }
  return { tokenizer: 'o200k_base (gpt-tokenizer)', ...out };
}

export default async function signalsBench() {
  const guard = await importShipped<Guard>('bench/signals-entry.ts');
  return { overhead: overhead(guard), memory: memory(guard), falsePositives: falsePositives(guard), tokenEstimate: tokenEstimate(guard) };
}
