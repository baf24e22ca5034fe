/**
 * The usage signals, computed where the calls are made, over sliding windows per app × provider
 * (docs/sdk.md, "Budgets and signals"). Each call adds its sketch (sketch.ts), size and time;
 * expired calls leave; the four scores are read off running counts, so a call costs the same
 * whatever the window holds. Nothing here holds text.
 */
import type { EventSignal, SignalKind, SignalPolicy, UsageWindow } from '../schema';
import { addUsage, emptyWindow, prune, totalOf, WINDOW_MS, type Usage, type WindowState } from '../budgets/window';
import { SKETCH_BINS, type PromptSketch } from './sketch';
import { TOPIC_COUNT } from './topics';

/** The window of the share-based signals (templated, reasoning-elicitation, capability-sweep). */
export const SHARE_WINDOW: UsageWindow = '1h';
/** Sketched calls kept per app × provider; older ones leave early (the window then covers fewer calls). */
export const MAX_SKETCHED_CALLS = 2_000;
/** A frame bin is "frequent" when this share of the window's calls (and at least 3) carry it. */
const FREQUENT_SHARE = 0.3;
/** A call is templated when this share of the bins of its head or tail is frequent. */
const TEMPLATED_BIN_SHARE = 0.5;
/** Hours of history kept for the volume baseline (a week). */
const BASELINE_HOURS = 168;
/** Past active hours needed before the median hour replaces `baselineFloorPerHour`. */
const MIN_BASELINE_HOURS = 3;
/** Gaps looked at for automated pacing. */
const PACE_GAPS = 30;
const HOUR = WINDOW_MS['1h'];

export interface SignalCall {
  /** Epoch ms when the call started. */
  at: number;
  provider: string;
  bytes: number;
  /** Absent when the call carried no prompt text. */
  sketch: PromptSketch | undefined;
}

export interface SignalReading {
  /** Signals raised at this call (score at or above the threshold, action not `off`). */
  signals: EventSignal[];
  /** Those that were not raised at the previous call of the same app × provider. */
  newlyRaised: EventSignal[];
}

export interface SignalMonitor {
  observe(call: SignalCall): SignalReading;
  /** Adds the tokens the provider reported for a call observed earlier. */
  addTokens(provider: string, at: number, tokens: number): void;
  /** Sketches held, over every app × provider (for the memory benchmark). */
  readonly sketchedCalls: number;
}

interface Entry {
  at: number;
  bins: Uint32Array | undefined;
  templated: boolean;
  reasoning: boolean;
  topic: number;
}

interface Track {
  entries: Entry[];
  /** Index of the oldest entry still in the window (entries before it are spent). */
  first: number;
  sketched: number;
  templated: number;
  reasoning: number;
  /** Calls per task category among the templated calls. */
  topics: Int32Array;
  binCounts: Map<number, number>;
  lastHour: WindowState;
  /** Hour index → calls, tokens and bytes in that hour. */
  hours: Map<number, Usage>;
  baseline: { hour: number; perHour: Usage | undefined };
  recentTimes: number[];
  active: Set<SignalKind>;
}

export function createSignalMonitor(policy: SignalPolicy): SignalMonitor {
  const tracks = new Map<string, Track>();
  let sketchedCalls = 0;

  const trackOf = (provider: string): Track => {
    let track = tracks.get(provider);
    if (track === undefined) {
      track = {
        entries: [], first: 0, sketched: 0, templated: 0, reasoning: 0, topics: new Int32Array(TOPIC_COUNT), binCounts: new Map(),
        lastHour: emptyWindow(HOUR), hours: new Map(), baseline: { hour: -1, perHour: undefined }, recentTimes: [], active: new Set(),
      };
      tracks.set(provider, track);
    }
    return track;
  };

  const drop = (track: Track): void => {
    const entry = track.entries[track.first]!;
    track.entries[track.first++] = undefined as unknown as Entry;
    if (entry.bins === undefined) return;
    track.sketched--;
    sketchedCalls--;
    for (const value of entry.bins) {
      if (value === 0) continue;
      const count = track.binCounts.get(value)! - 1;
      if (count === 0) track.binCounts.delete(value);
      else track.binCounts.set(value, count);
    }
    if (entry.templated) {
      track.templated--;
      if (entry.topic >= 0) track.topics[entry.topic]!--;
    }
    if (entry.reasoning) track.reasoning--;
  };

  return {
    get sketchedCalls() {
      return sketchedCalls;
    },
    observe(call) {
      const track = trackOf(call.provider);
      const windowStart = call.at - WINDOW_MS[SHARE_WINDOW];
      while (track.first < track.entries.length && (track.entries[track.first]!.at <= windowStart || track.sketched >= MAX_SKETCHED_CALLS)) drop(track);
      // Spent slots are reclaimed in one go once they are half the array.
      if (track.first > 64 && track.first * 2 > track.entries.length) {
        track.entries = track.entries.slice(track.first);
        track.first = 0;
      }
      const entry: Entry = { at: call.at, bins: call.sketch?.bins, templated: false, reasoning: call.sketch?.reasoning ?? false, topic: call.sketch?.topic ?? -1 };
      track.entries.push(entry);
      if (entry.bins !== undefined) {
        track.sketched++;
        sketchedCalls++;
        for (const value of entry.bins) if (value !== 0) track.binCounts.set(value, (track.binCounts.get(value) ?? 0) + 1);
        entry.templated = isTemplated(entry.bins, track);
        if (entry.templated) {
          track.templated++;
          if (entry.topic >= 0) track.topics[entry.topic]!++;
        }
        if (entry.reasoning) track.reasoning++;
      }
      const signals: EventSignal[] = [];
      const raise = (kind: SignalKind, score: number, window: UsageWindow, evidence: EventSignal['evidence']): void => {
        const settings = policy[kind];
        if (settings.action === 'off' || score < settings.threshold) return;
        signals.push({ kind, score: Math.round(score * 1000) / 1000, window, action: settings.action, evidence });
      };
      const n = track.sketched;
      if (n > 0) {
        const share = (count: number): number => Math.round((count / n) * 1000) / 1000;
        if (n >= policy.templated.minCalls) raise('templated', track.templated / n, SHARE_WINDOW, { calls: n, share: share(track.templated) });
        if (n >= policy['reasoning-elicitation'].minCalls) raise('reasoning-elicitation', track.reasoning / n, SHARE_WINDOW, { calls: n, share: share(track.reasoning) });
        if (n >= policy['capability-sweep'].minCalls) {
          const topics = distinctTopics(track.topics);
          raise('capability-sweep', (track.templated / n) * Math.min(1, topics / policy['capability-sweep'].minTopics), SHARE_WINDOW, { calls: n, share: share(track.templated), topics });
        }
      }
      readVolume(track, call, policy.volume, raise);
      const newlyRaised = signals.filter((signal) => !track.active.has(signal.kind));
      track.active = new Set(signals.map((signal) => signal.kind));
      return { signals, newlyRaised };
    },
    addTokens(provider, at, tokens) {
      const track = tracks.get(provider);
      if (track === undefined) return;
      addUsage(track.lastHour, at, { calls: 0, tokens, bytes: 0 });
      const hour = track.hours.get(Math.floor(at / HOUR));
      if (hour !== undefined) hour.tokens += tokens;
    },
  };
}

/** Whether most of the head's or the tail's bins are frequent in the window. */
function isTemplated(bins: Uint32Array, track: Track): boolean {
  const need = Math.max(3, Math.ceil(FREQUENT_SHARE * track.sketched));
  for (let part = 0; part < 2; part++) {
    let filled = 0;
    let frequent = 0;
    for (let i = part * SKETCH_BINS; i < (part + 1) * SKETCH_BINS; i++) {
      const value = bins[i]!;
      if (value === 0) continue;
      filled++;
      if (track.binCounts.get(value)! >= need) frequent++;
    }
    if (filled >= 4 && frequent >= TEMPLATED_BIN_SHARE * filled) return true;
  }
  return false;
}

/** Categories that at least two templated calls fell in. */
function distinctTopics(topics: Int32Array): number {
  let distinct = 0;
  for (const count of topics) if (count >= 2) distinct++;
  return distinct;
}

/**
 * Volume: the last hour against the app's median active hour (a burst), and the spacing of the
 * last calls (automated pacing). The score is the higher of the two: `burstFactor` times the
 * median hour scores 0.5; so does half of the last 30 gaps under `automatedGapMs`.
 */
function readVolume(
  track: Track,
  call: SignalCall,
  settings: SignalPolicy['volume'],
  raise: (kind: SignalKind, score: number, window: UsageWindow, evidence: EventSignal['evidence']) => void,
): void {
  prune(track.lastHour, call.at);
  addUsage(track.lastHour, call.at, { calls: 1, tokens: 0, bytes: call.bytes });
  const hourIndex = Math.floor(call.at / HOUR);
  const hour = track.hours.get(hourIndex) ?? { calls: 0, tokens: 0, bytes: 0 };
  hour.calls++;
  hour.bytes += call.bytes;
  track.hours.set(hourIndex, hour);
  if (track.baseline.hour !== hourIndex) {
    for (const index of track.hours.keys()) if (index <= hourIndex - BASELINE_HOURS) track.hours.delete(index);
    // Hours that ended before the sliding hour began: the app's history, without the hour measured.
    const past = [...track.hours].filter(([index]) => index < hourIndex - 1).map(([, usage]) => usage);
    track.baseline = { hour: hourIndex, perHour: past.length >= MIN_BASELINE_HOURS ? medianUsage(past) : undefined };
  }
  const used = totalOf(track.lastHour);
  const base = track.baseline.perHour;
  const baseCalls = Math.max(base?.calls ?? 0, settings.baselineFloorPerHour);
  let ratio = used.calls / baseCalls;
  if (base !== undefined && base.calls > 0) {
    // Tokens and bytes against the median hour scaled as the calls' floor is: per call, the app's own sizes.
    const scale = baseCalls / base.calls;
    if (base.tokens > 0) ratio = Math.max(ratio, used.tokens / (base.tokens * scale));
    if (base.bytes > 0) ratio = Math.max(ratio, used.bytes / (base.bytes * scale));
  }
  const burst = used.calls >= settings.minCalls ? Math.min(1, ratio / (2 * settings.burstFactor)) : 0;

  track.recentTimes.push(call.at);
  if (track.recentTimes.length > PACE_GAPS + 1) track.recentTimes.shift();
  let pace = 0;
  let medianGapMs: number | undefined;
  if (track.recentTimes.length === PACE_GAPS + 1) {
    // Under a log-only policy calls are counted as they finish, not always in the order they began.
    const times = [...track.recentTimes].sort((a, b) => a - b);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    pace = gaps.filter((gap) => gap < settings.automatedGapMs).length / PACE_GAPS;
    medianGapMs = gaps.sort((a, b) => a - b)[PACE_GAPS / 2]!;
  }
  const evidence: EventSignal['evidence'] = { calls: used.calls, ratio: Math.round(ratio * 100) / 100, baselinePerHour: baseCalls };
  if (medianGapMs !== undefined) evidence.medianGapMs = Math.max(0, medianGapMs);
  raise('volume', Math.max(burst, pace), pace > burst ? '1m' : '1h', evidence);
}

function medianUsage(hours: readonly Usage[]): Usage {
  const median = (values: number[]): number => {
    values.sort((a, b) => a - b);
    const mid = values.length >> 1;
    return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  };
  return { calls: median(hours.map((h) => h.calls)), tokens: median(hours.map((h) => h.tokens)), bytes: median(hours.map((h) => h.bytes)) };
}
