/**
 * The interceptor behind `outflow.fetch` and `outflow.instrument()`: every call is read, scanned and decided before it leaves, sent (possibly
 * redacted) or refused (blocked), and recorded as exactly one event once its response body has
 * ended, failed, been cancelled or been left unread. Any failure inside Outflow lets the call go
 * through unchanged; only an explicit block fails closed.
 */
import { unscannedPart, type UnscannedPart } from '../coverage';
import { OutflowBlockedError, OutflowBudgetError, OutflowSignalError } from '../errors';
import type { CompiledPolicy } from '../policy';
import { recogniseDestination, type DestinationOptions } from '../providers';
import type { FlowEvent } from '../schema';
import { BlockedRetries, blockSignature } from './blocked-retries';
import { buildEvent, type CallIdentity, type EventParts, type EventSource } from './event';
import { classifyFailure } from './failure';
import { inspectRequest, type InspectDeps, type Inspection } from './inspect';
import { observeResponse, type BodyOutcome } from './observe-response';
import { prepareRequest, type PreparedRequest } from './request-body';
import type { Admission, UsageBlock, UsageGuard } from '../usage/guard';
import { explainSignal } from '../signals/explain';

export type OutflowStage = 'request' | 'scan' | 'response' | 'sink';

export interface InterceptContext {
  inspect: InspectDeps;
  origin: EventSource;
  unreadBodyTimeoutMs: number;
  newCall(): CallIdentity;
  /** Receives a builder so the session's `seq` is claimed only for calls that are recorded. */
  record(build: (seq: number) => FlowEvent): void;
  reportError(error: unknown, stage: OutflowStage): void;
  /** See `ObserveOptions.track`. */
  track(settleNow: () => void): () => void;
  /** See `ObserveOptions.defer`. */
  defer(work: () => void): void;
  /** Work `flush()` must wait for: recording a call whose scan runs alongside it. */
  pending(work: Promise<void>): void;
  /** Budgets and usage signals. */
  usage?: UsageGuard;
}

/**
 * How a call's bytes leave: the real `fetch`, or another channel (an XMLHttpRequest, a
 * WebSocket frame; see instrument/) that answers with a Response, or with nothing for a frame,
 * which has no answer of its own.
 */
export type Transport<R extends Response | undefined> = (input: RequestInfo | URL, init: RequestInit | undefined) => Promise<R>;

/** One call through Outflow — read, scanned, decided, sent through `transport` or refused, recorded once. */
export type Interceptor = <R extends Response | undefined>(input: RequestInfo | URL, init: RequestInit | undefined, transport: Transport<R>) => Promise<R>;

export function createInterceptor(ctx: InterceptContext): Interceptor {
  const blockedRetries = new BlockedRetries();
  return async function intercept<R extends Response | undefined>(input: RequestInfo | URL, init: RequestInit | undefined, transport: Transport<R>): Promise<R> {
    const call = ctx.newCall();
    if (!ctx.inspect.policy.canChangeCalls) return sendThenScan(ctx, call, input, init, transport);
    let prepared: PreparedRequest | undefined;
    let inspection: Inspection;
    try {
      prepared = await prepareRequest(input, init);
      inspection = await inspectRequest(prepared, ctx.inspect);
    } catch (error) {
      ctx.reportError(error, 'request');
      inspection = uninspected(input, init, prepared, ctx.inspect.policy, ctx.inspect.destinations, ctx.reportError);
    }
    const { method, signal } = requestBasics(input, init, prepared);
    const sentBytes = inspection.redactedBody?.bytes ?? bodyBytes(prepared);
    const signature = (): string => blockSignature(method, inspection.destination, bodyBytes(prepared), inspection.findings, inspection.unscanned);
    // A client's retry of a call refused a moment ago is that call: refused again under its event, and counted nowhere.
    const original = blockedRetries.originalOf(prepared?.headers, signature, call.startedAt);
    if (original) throw original();
    // A call the policy's rules refuse is not counted by budgets or signals: it was never going to leave.
    const admission = inspection.decision === 'blocked' ? undefined : admit(ctx, call, inspection, sentBytes);
    const build = (extra: Partial<EventParts>) => (seq: number) => buildEvent(call, seq, ctx.origin, eventParts(inspection, method, sentBytes, { ...usageParts(admission), ...extra }));

    const usageBlock = admission?.block;
    if (inspection.decision === 'blocked' || usageBlock !== undefined) {
      // The error is made from the recorded event, so it says nothing the event does not: values masked.
      let event: FlowEvent | undefined;
      const error = usageBlock === undefined ? { kind: 'blocked' as const, message: blockMessage(inspection) } : usageBlockError(usageBlock, inspection.destination.host);
      ctx.record((seq) => (event = build({ decision: 'blocked', requestBytes: 0, error })(seq)));
      const recorded = event!;
      const blocked = (): OutflowBlockedError => (usageBlock === undefined ? blockedError(recorded, inspection.destinationDenied) : usageError(recorded, usageBlock));
      blockedRetries.remember(signature(), blocked, call.startedAt);
      throw blocked();
    }
    return sendAndObserve(ctx, () => transport(...outgoing(input, init, prepared, inspection)), signal, (extra) => {
      const parts = extra();
      if (admission !== undefined) ctx.usage?.settle(admission, parts.response?.usage);
      ctx.record(build(parts));
    });
  };
}

/** Budgets and signals decide and count the call; their failure lets it go uncounted. */
function admit(ctx: InterceptContext, call: CallIdentity, inspection: Inspection, bytes: number): Admission | undefined {
  try {
    return ctx.usage?.admit({ at: call.epochMs, provider: inspection.destination.provider, bytes, features: inspection.features });
  } catch (error) {
    ctx.reportError(error, 'request');
    return undefined;
  }
}

function usageParts(admission: Admission | undefined): Partial<EventParts> {
  if (admission === undefined) return {};
  return { budgets: admission.budgets, signals: admission.signals };
}

/** The event's error for a call a budget or a signal refused: ids, limits and numbers only. */
function usageBlockError(block: UsageBlock, host: string): { kind: 'budget' | 'signal'; message: string } {
  if (block.kind === 'signal') return { kind: 'signal', message: `Outflow blocked a call to ${host}: signal ${block.signal.kind} raised. ${explainSignal(block.signal)}` };
  const { budget, exceeded, retryAfterMs } = block.budget;
  return {
    kind: 'budget',
    message: `Outflow blocked a call to ${host}: budget ${budget.id} (${exceeded} per ${budget.scope}, ${budget.window}) is used up; retry after ${Math.ceil(retryAfterMs / 1000)} s`,
  };
}

/** The app's error for a call a budget or a signal refused, from its recorded event. */
function usageError(event: FlowEvent, block: UsageBlock): OutflowBlockedError {
  const message = event.error?.message ?? 'Outflow blocked a call';
  if (block.kind === 'signal') return new OutflowSignalError(message, { eventId: event.id, signal: block.signal });
  return new OutflowBudgetError(message, { eventId: event.id, budget: block.budget.budget, exceeded: block.budget.exceeded, retryAfterMs: block.budget.retryAfterMs });
}

/**
 * A call no policy rule could redact or block (the default policy only logs) does not wait for
 * its scan: it leaves as soon as its body is read, and the scan runs in the next task, while the
 * provider answers. Its event, recorded once both the body and the scan are done, is the same
 * as if it had been scanned first.
 */
async function sendThenScan<R extends Response | undefined>(ctx: InterceptContext, call: CallIdentity, input: RequestInfo | URL, init: RequestInit | undefined, transport: Transport<R>): Promise<R> {
  let prepared: PreparedRequest | undefined;
  try {
    prepared = await prepareRequest(input, init);
  } catch (error) {
    ctx.reportError(error, 'request');
  }
  const { method, signal } = requestBasics(input, init, prepared);
  let sending: Promise<R>;
  try {
    sending = transport(...outgoing(input, init, prepared, undefined));
  } catch (error) {
    sending = Promise.reject(error);
  }
  let inspection: Inspection | undefined;
  const inspecting = nextTask().then(async () => {
    try {
      if (prepared === undefined) throw new Error('the request could not be read');
      inspection = await inspectRequest(prepared, ctx.inspect);
    } catch (error) {
      if (prepared !== undefined) ctx.reportError(error, 'request');
      inspection = uninspected(input, init, prepared, ctx.inspect.policy, ctx.inspect.destinations, ctx.reportError);
    }
  });
  /** Records the call once its scan is done: at once when it is (the usual case by then). */
  const record = (extra: () => Partial<EventParts>): void => {
    const build = (done: Inspection) => (seq: number) => {
      const parts = extra();
      // Nothing here can refuse the call (the policy would have scanned first): budgets and signals only count and mark it.
      const admission = admit(ctx, call, done, bodyBytes(prepared));
      if (admission !== undefined) ctx.usage?.settle(admission, parts.response?.usage);
      return buildEvent(call, seq, ctx.origin, eventParts(done, method, bodyBytes(prepared), { ...usageParts(admission), ...parts }));
    };
    if (inspection !== undefined) ctx.record(build(inspection));
    else ctx.pending(inspecting.then(() => ctx.record(build(inspection!))));
  };
  return sendAndObserve(ctx, () => sending, signal, record);
}

/**
 * Awaits the provider's response and hands it to the app observed; the call is recorded through
 * `record` when it fails or its body settles (at once for a transport that answers nothing).
 * `extra` is read only when recording.
 */
async function sendAndObserve<R extends Response | undefined>(
  ctx: InterceptContext,
  send: () => Promise<R>,
  signal: AbortSignal | undefined,
  record: (extra: () => Partial<EventParts>) => void,
): Promise<R> {
  let response: R;
  try {
    response = await send();
  } catch (error) {
    record(() => ({ error: classifyFailure(error, signal, 'network') }));
    throw error;
  }
  if (response === undefined) {
    record(() => ({}));
    return response;
  }
  const headersAt = performance.now();
  const status = response.status;
  const onSettled = (outcome: BodyOutcome): void => {
    try {
      record(() => settledParts(status, headersAt, outcome, signal));
    } catch (error) {
      ctx.reportError(error, 'response');
    }
  };
  try {
    return observeResponse(response, { onSettled, unreadBodyTimeoutMs: ctx.unreadBodyTimeoutMs, track: ctx.track, defer: ctx.defer }) as R;
  } catch (error) {
    ctx.reportError(error, 'response');
    onSettled({ bytes: 0, streamed: false, usage: {}, endedAt: headersAt, ending: 'complete' });
    return response;
  }
}

function requestBasics(input: RequestInfo | URL, init: RequestInit | undefined, prepared: PreparedRequest | undefined): { method: string; signal: AbortSignal | undefined } {
  const method = prepared?.method ?? (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const signal = prepared?.signal ?? init?.signal ?? (input instanceof Request ? input.signal : undefined);
  return { method, signal: signal ?? undefined };
}

function eventParts(inspection: Inspection, method: string, requestBytes: number, extra: Partial<EventParts>): EventParts {
  const parts: EventParts = {
    destination: inspection.destination,
    method,
    requestBytes,
    chars: inspection.chars,
    attachments: inspection.attachments,
    stream: inspection.stream,
    findings: inspection.findings,
    truncatedFindings: inspection.truncatedFindings,
    decision: inspection.decision,
    unscanned: inspection.unscanned,
    ...extra,
  };
  // The call itself went well, but Outflow failed on part of it: say so where errors are read.
  const failed = inspection.unscanned.filter((part) => part.reason === 'error');
  if (parts.error === undefined && failed.length > 0) {
    parts.error = { kind: 'internal', message: `Outflow failed to read or scan ${failed.map((part) => part.where).join(', ')}; see coverage` };
  }
  return parts;
}

/**
 * Resolves in a later task: after the request has been handed to the network. A message rather
 * than a timer in browsers, whose timers a background tab may hold back for a second or more.
 */
function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What to hand the real fetch: the original arguments unless redaction rewrote the body or reading it used it up. */
function outgoing(input: RequestInfo | URL, init: RequestInit | undefined, prepared: PreparedRequest | undefined, inspection: Inspection | undefined): [RequestInfo | URL, RequestInit | undefined] {
  const redacted = inspection?.redactedBody;
  if (redacted && prepared) {
    const headers = new Headers(prepared.headers);
    // The body changed size; a multipart body also got a new boundary. fetch recomputes both.
    headers.delete('content-length');
    // A redacted body was decoded to be rewritten, and leaves uncompressed (browsers cannot compress brotli).
    headers.delete('content-encoding');
    if (redacted.multipart) headers.delete('content-type');
    else if (!headers.has('content-type')) {
      // A URLSearchParams or Blob body carried its type implicitly; the redacted string would go as text/plain.
      const implicit = prepared.body.kind === 'form' ? 'application/x-www-form-urlencoded;charset=UTF-8' : init?.body instanceof Blob ? init.body.type : '';
      if (implicit) headers.set('content-type', implicit);
    }
    if (input instanceof Request) return [new Request(input, { ...init, headers, body: redacted.body }), undefined];
    return [input, { ...init, headers, body: redacted.body }];
  }
  if (prepared?.replay) return [input, { ...init, body: prepared.replay }];
  return [input, init];
}

function settledParts(status: number, headersAt: number, outcome: BodyOutcome, signal: AbortSignal | undefined): Partial<EventParts> {
  const extra: Partial<EventParts> = {
    response: { status, bytes: outcome.bytes, endedAt: outcome.ending === 'unread' ? headersAt : outcome.endedAt, headersAt, streamed: outcome.streamed, usage: outcome.usage },
  };
  if (outcome.ending === 'error') extra.error = classifyFailure(outcome.error, signal, 'stream');
  else if (outcome.ending === 'cancelled') extra.error = { kind: 'abort', message: `the app cancelled the response body after ${outcome.bytes} bytes` };
  else if (status >= 400) extra.error = { kind: 'http', message: `HTTP ${status}` };
  return extra;
}

/**
 * What the event records as the error of a blocked call. Field paths and `where` are masked
 * by the event builder; the error thrown to the app is made from the recorded event.
 */
function blockMessage(inspection: Inspection): string {
  const host = inspection.destination.host;
  const found = inspection.findings.filter((f) => f.action === 'block').map((f) => `${f.type} ×${f.count} in ${f.field}`);
  const unscanned = inspection.blockingUnscanned.map((part) => `${part.where} (${part.reason})`);
  const why = [
    ...(inspection.destinationDenied ? ["the destination is not in the policy's allowedDestinations"] : []),
    ...(found.length > 0 ? [found.join(', ')] : []),
    ...(unscanned.length > 0 ? [`not scanned: ${unscanned.join(', ')}`] : []),
  ];
  return `Outflow blocked a call to ${host}: ${why.join('; ')}`;
}

/** The app's error for a blocked call, from its recorded (masked) event. */
function blockedError(event: FlowEvent, destinationDenied: boolean): OutflowBlockedError {
  const findings = event.findings.filter((f) => f.action === 'block').map(({ type, category, count, field }) => ({ type, category, count, field }));
  const details = { eventId: event.id, findings, unscanned: event.coverage.unscanned };
  return new OutflowBlockedError(event.error?.message ?? 'Outflow blocked a call', destinationDenied ? { ...details, destination: event.destination.host } : details);
}

/**
 * When Outflow itself failed to read the request: record the destination and that the body was
 * not scanned, and let the call go — unless the policy blocks what it cannot scan, or the
 * destination itself.
 */
function uninspected(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  prepared: PreparedRequest | undefined,
  policy: CompiledPolicy,
  options: DestinationOptions,
  reportError: InterceptContext['reportError'],
): Inspection {
  const unscanned: UnscannedPart[] = [unscannedPart('body', 'error', bodyBytes(prepared))];
  const blockingUnscanned = unscanned.filter((part) => policy.blocksUnscanned(part));
  const none = { chars: 0, attachments: [], findings: [], truncatedFindings: undefined, redactedBody: undefined, unscanned, blockingUnscanned };
  let recognised: Pick<Inspection, 'destination' | 'stream'>;
  try {
    const url = prepared?.url ?? new URL(input instanceof Request ? input.url : String(input));
    recognised = recogniseDestination(url, undefined, init?.body ? 'binary' : 'none', options);
  } catch (error) {
    // Even naming the destination failed: record what little is known.
    reportError(error, 'request');
    recognised = { destination: { provider: 'unknown', api: 'unknown', host: '', path: '', external: true }, stream: false };
  }
  const destinationDenied = !policy.allows(recognised.destination);
  const decision = destinationDenied || blockingUnscanned.length > 0 ? 'blocked' : 'allowed';
  return { ...none, ...recognised, destinationDenied, decision };
}

function bodyBytes(prepared: PreparedRequest | undefined): number {
  const body = prepared?.body;
  return body && body.kind !== 'none' ? body.bytes : 0;
}
