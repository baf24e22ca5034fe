/**
 * `createOutflow`: one instance per app (or per session), holding the compiled policy, the
 * scanner, the session's sequence counter and the sinks. Its `fetch` is what the app hands to
 * its AI clients.
 */
import { checkFingerprintKey, fingerprintKeyId, keyedFingerprint } from './detect/fingerprint';
import { OutflowConfigError } from './errors';
import type { CallIdentity } from './intercept/event';
import { CompletionQueue } from './intercept/completions';
import { createInterceptor, type OutflowStage } from './intercept/fetch';
import type { Scanner } from './intercept/inspect';
import { createScrubber } from './intercept/scrub';
import { deferredScanner } from './intercept/deferred-scanner';
import { instrumentGlobals, type InstrumentOptions, type Instrumentation } from './instrument/index';
import { uninstrumented } from './instrument/fetch';
import { defaultFingerprintKey, defaultSessionId, sessionSequence } from './internal/identity';
import { randomId } from './internal/ids';
import { detectRuntime, SDK_VERSION } from './internal/runtime';
import { compilePolicy } from './policy';
import { knownProvider } from './providers/index';
import { SessionIdSchema, type EventSignal, type Policy, type PolicyInput } from './schema';
import type { BudgetStore } from './budgets/store';
import { createUsageGuard } from './usage/guard';
import { EventDispatcher } from './sinks/dispatcher';
import { extensionBridgeSink } from './sinks/extension-bridge';
import type { Sink } from './sinks/types';

export interface OutflowOptions {
  /** The internal app's name, recorded in every event (1–120 characters). */
  app: string;
  /** @default browser: one per tab (sessionStorage); elsewhere: one per instance */
  sessionId?: string;
  /** Validated with `PolicySchema`; an invalid policy throws `OutflowConfigError`. @default log everything, block nothing */
  policy?: PolicyInput | Policy;
  /** Where events go. @default browser: `[extensionBridgeSink({ app })]`; Node and elsewhere: none */
  sinks?: Sink[];
  /** The fetch that really sends. @default globalThis.fetch (looked up at each call) */
  fetch?: typeof fetch;
  /**
   * HMAC key for sample fingerprints, at least 32 bytes (a string counts its UTF-8 bytes):
   * fingerprints compare only under one key, so give every instance the same one to compare
   * across them. @default browser: a random key kept per origin in localStorage; elsewhere: random per instance
   */
  fingerprintKey?: string | Uint8Array;
  /** Organisation hosts → provider name, e.g. `{ 'ai-gateway.corp.example': 'openai', '*.llm.corp.example': 'anthropic' }`. @default {} */
  providers?: Record<string, string>;
  /** Outflow's own failures (scanner, adapter, sink). Never thrown into the app. @default none */
  onError?: (error: unknown, context: { stage: OutflowStage; sink?: string }) => void;
  /** A response body left unread (no read pending) this long is recorded as it stands. @default 30_000 */
  unreadBodyTimeoutMs?: number;
  /** Events waiting per sink before new ones are dropped (counted in `stats().dropped`). @default 10_000 */
  maxQueuedEvents?: number;
  /** Replaces the built-in scanner (another engine, or a test double). @default the built-in engine, from the policy, loaded with the first call */
  scanner?: Scanner;
  /**
   * Epoch milliseconds now: event timestamps, budget windows and signal windows follow it (tests
   * drive time with it). @default Date.now
   */
  clock?: () => number;
  /**
   * Where budget counters live. @default browser: localStorage (sessionStorage for `session`
   * budgets), so they survive a reload; elsewhere: memory, per process (docs/sdk.md, "Budgets and signals")
   */
  budgetStore?: BudgetStore;
  /**
   * Called when a usage signal is raised (once, not again while it stays raised): `explainSignal(signal)`
   * words it for the employee, e.g. for a `warn` signal's notice. Never thrown into the call. @default none
   */
  onSignal?: (signal: EventSignal) => void;
}

export interface OutflowStats {
  /** Calls made through `fetch`. */
  calls: number;
  /** Events recorded (one per finished call). */
  events: number;
  blocked: number;
  redacted: number;
  /** Events a sink's full queue had to drop. */
  dropped: number;
  /** Outflow's own failures, each also passed to `onError`. */
  errors: number;
}

export interface Outflow {
  /** Drop-in `fetch`: hand it to OpenAI, Anthropic, the AI SDK, or call it directly. */
  readonly fetch: typeof fetch;
  /**
   * Opt-in, for AI calls that cannot be handed `fetch` (OpenAI Realtime over WebSocket, libraries
   * on XMLHttpRequest or the global `fetch`): wraps `globalThis.fetch`, `XMLHttpRequest` and
   * `WebSocket.prototype.send` so that calls to AI destinations (the built-in hosts, `providers`,
   * Ollama's port) are scanned, decided and recorded like `outflow.fetch` calls — one event per
   * request, one per WebSocket frame. Returns the function that restores exactly what was
   * replaced; calling `instrument()` again while instrumented returns that same function and
   * changes nothing. `close()` restores too. A page has one observer: another instance's
   * `instrument()` takes over (this one is restored, and its function then does nothing).
   */
  instrument(options?: InstrumentOptions): () => void;
  /**
   * Loads the detection engine now; it otherwise loads with the first call (in a browser, a chunk
   * of its own). Rejects with `OutflowConfigError` when a custom detector of the policy cannot be
   * compiled, or with the loading error; until it is loaded, calls record their text as unscanned.
   */
  ready(): Promise<void>;
  readonly sessionId: string;
  /** Records calls whose body sits unread, then resolves once every sink has every event. */
  flush(): Promise<void>;
  stats(): OutflowStats;
  /** Flushes, then closes every sink. */
  close(): Promise<void>;
}

export function createOutflow(options: OutflowOptions): Outflow {
  if (typeof options.app !== 'string' || options.app.length < 1 || options.app.length > 120) {
    throw new OutflowConfigError('options.app: the app name is required (1–120 characters)');
  }
  if (options.sessionId !== undefined && !SessionIdSchema.safeParse(options.sessionId).success) {
    throw new OutflowConfigError('options.sessionId: 1–128 characters of letters, digits, _ . : -');
  }
  if (options.fingerprintKey !== undefined) checkFingerprintKey(options.fingerprintKey, 'options.fingerprintKey');
  const policy = compilePolicy(options.policy);
  const runtime = detectRuntime();
  const sessionId = options.sessionId ?? defaultSessionId();
  // The built-in scanner hands back values, fingerprinted after each call rather than on its path.
  // Loaded with the first call (deferred-scanner.ts): most of the SDK's weight, off the app's start-up.
  // The custom-detector compiler is a chunk of its own too, loaded only for a policy that has custom detectors.
  const { customDetectors, disabledTypes } = policy.policy;
  const builtin = deferredScanner(async () => {
    const [{ scannerForPolicy }, custom] = await Promise.all([
      import('./detect/engine'),
      customDetectors.length === 0 ? [] : import('./detect/custom/index').then(({ compileCustomDetectors }) => compileCustomDetectors(customDetectors)),
    ]);
    return scannerForPolicy(disabledTypes, custom, (error) => reportError(error, 'scan'));
  });
  const scanner = options.scanner ?? builtin;
  // Events are masked by the built-in scanner whatever engine scans requests, and by that engine too.
  // So scan-first calls wait for the built-in engine even with a replacement: it masks their events.
  const scrubber = createScrubber(options.scanner ? [builtin, options.scanner] : [builtin]);
  // A scanner passed in fingerprints (or not) by itself.
  const fingerprintKey = options.scanner ? undefined : (options.fingerprintKey ?? defaultFingerprintKey());
  const fingerprintOf = fingerprintKey === undefined ? {} : { fingerprintOf: keyedFingerprint(fingerprintKey) };
  const clock = options.clock ?? Date.now;
  const usage = createUsageGuard({
    policy: policy.policy,
    app: options.app,
    sessionId,
    ...(options.budgetStore === undefined ? {} : { budgetStore: options.budgetStore }),
    ...(options.onSignal === undefined ? {} : { onSignal: options.onSignal }),
  });
  const countsTokens = policy.policy.budgets.some((budget) => budget.maxTokens !== undefined);
  const counters: OutflowStats = { calls: 0, events: 0, blocked: 0, redacted: 0, dropped: 0, errors: 0 };

  const reportError = (error: unknown, stage: OutflowStage, sink?: string): void => {
    counters.errors++;
    try {
      options.onError?.(error, sink === undefined ? { stage } : { stage, sink });
    } catch {
      // The app's own error handler failed; there is nowhere further to report it.
    }
  };

  const sinks = options.sinks ?? (runtime === 'browser' ? [extensionBridgeSink({ app: options.app })] : []);
  const dispatcher = new EventDispatcher(sinks, {
    maxQueued: options.maxQueuedEvents ?? 10_000,
    onDropped: (count) => (counters.dropped += count),
    onError: (error, sink) => reportError(error, 'sink', sink.name),
  });

  const openBodies = new Set<() => void>();
  const completions = new CompletionQueue();
  const pendingRecords = new Set<Promise<void>>();
  const nextSeq = sessionSequence(sessionId);
  // The platform's fetch, from under `instrument()`'s wrapper: a call Outflow sends is never seen twice.
  const baseFetch: typeof fetch = (input, init) => (options.fetch ?? uninstrumented(globalThis.fetch))(input, init);
  const intercept = createInterceptor({
    inspect: {
      scanner,
      ready: builtin.ready,
      ...fingerprintOf,
      policy,
      destinations: { providers: options.providers ?? {}, internalHosts: policy.policy.internalHosts },
      reportError,
      measure: usage.measure,
    },
    usage,
    origin: {
      sessionId,
      source: { kind: 'sdk', sdkVersion: SDK_VERSION, app: options.app, runtime },
      scrubber,
      ...(fingerprintKey === undefined ? {} : { fingerprintKeyId: fingerprintKeyId(fingerprintKey) }),
    },
    unreadBodyTimeoutMs: options.unreadBodyTimeoutMs ?? 30_000,
    newCall(): CallIdentity {
      counters.calls++;
      // A token budget judges this call on the tokens reported for the calls before it: record the finished ones first.
      if (countsTokens) completions.drain();
      const epochMs = clock();
      return { id: randomId(21), timestamp: new Date(epochMs).toISOString(), startedAt: performance.now(), epochMs };
    },
    record(build) {
      // Calls that finished earlier are recorded first, so `seq` follows the order calls finished in.
      completions.drain();
      const event = build(nextSeq());
      counters.events++;
      if (event.decision === 'blocked') counters.blocked++;
      else if (event.decision === 'redacted') counters.redacted++;
      dispatcher.dispatch(event);
    },
    reportError,
    track(settleNow) {
      openBodies.add(settleNow);
      return () => openBodies.delete(settleNow);
    },
    defer: (work) => completions.defer(work),
    pending(work) {
      const tracked = work.catch((error: unknown) => reportError(error, 'response')).finally(() => pendingRecords.delete(tracked));
      pendingRecords.add(tracked);
    },
  });

  const fetch: typeof globalThis.fetch = (input, init) => intercept(input, init, baseFetch);

  let instrumentation: Instrumentation | undefined;
  const instrument = (instrumentOptions: InstrumentOptions = {}): (() => void) => {
    if (!instrumentation?.installed) {
      const destinations = { providers: options.providers ?? {} };
      instrumentation = instrumentGlobals({ intercept, isAiDestination: (url) => knownProvider(url, destinations) !== undefined, scanFirst: policy.canChangeCalls }, instrumentOptions);
    }
    return instrumentation.restore;
  };

  // `beforeExit` fires again after any async work, so the hook flushes only while something is pending.
  let delivered = 0;
  const flush = async (): Promise<void> => {
    completions.drain();
    for (const settleNow of [...openBodies]) settleNow();
    // Calls whose scan was still running when they ended (see sendThenScan).
    while (pendingRecords.size > 0) await Promise.all([...pendingRecords]);
    const upTo = counters.events;
    await dispatcher.flush();
    delivered = Math.max(delivered, upTo);
  };
  const detachExitHook = flushBeforeExit(flush, () => openBodies.size > 0 || pendingRecords.size > 0 || counters.events > delivered);

  return {
    fetch,
    instrument,
    ready: builtin.load,
    sessionId,
    flush,
    // Sinks with their own buffer (the extension bridge) count their drops themselves.
    stats: () => ({ ...counters, dropped: counters.dropped + sinks.reduce((sum, sink) => sum + (sink.dropped ?? 0), 0) }),
    async close() {
      instrumentation?.restore();
      detachExitHook();
      await flush();
      await dispatcher.close();
    },
  };
}

/** Instances with something to flush when a Node process runs out of work; one listener serves them all. */
const exitFlushers = new Set<() => void>();

/** In Node, flush on `beforeExit` so the events of a process that simply ends are not lost. */
function flushBeforeExit(flush: () => Promise<void>, pending: () => boolean): () => void {
  const proc = (globalThis as { process?: { on(e: string, f: () => void): void; off(e: string, f: () => void): void } }).process;
  if (!proc || typeof proc.on !== 'function') return () => undefined;
  const flusher = (): void => {
    if (pending()) void flush().catch(() => undefined);
  };
  if (exitFlushers.size === 0) proc.on('beforeExit', runExitFlushers);
  exitFlushers.add(flusher);
  return () => {
    exitFlushers.delete(flusher);
    if (exitFlushers.size === 0) proc.off('beforeExit', runExitFlushers);
  };
}

function runExitFlushers(): void {
  for (const flusher of exitFlushers) flusher();
}
