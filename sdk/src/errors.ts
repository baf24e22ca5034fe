/**
 * Outflow's errors. One base class carrying a `Symbol.for` marker, so `isInstance()` works across
 * two copies of the package (a bundled one and an installed one), where `instanceof` would not.
 * No message ever contains a raw sensitive value: types, counts and field paths only.
 */
import type { Budget, BudgetLimit, EventSignal, Finding, Unscanned } from './schema';

const MARKER = Symbol.for('outflow.error');

export class OutflowError extends Error {
  readonly [MARKER] = true;
  override name = 'OutflowError';

  static isInstance(value: unknown): value is OutflowError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** A configuration the SDK cannot use: an invalid policy, an unsafe custom pattern, a bad option. */
export class OutflowConfigError extends OutflowError {
  override name = 'OutflowConfigError';
}

/**
 * Thrown by the wrapped `fetch` when policy says `block`: the request never left the process.
 * Carries what was found (types, counts, fields) and what could not be scanned, so the app can
 * tell its user why. Made from the recorded event, so its field paths are masked like the event's.
 */
export class OutflowBlockedError extends OutflowError {
  override name = 'OutflowBlockedError';
  readonly eventId: string;
  readonly findings: readonly Pick<Finding, 'type' | 'category' | 'count' | 'field'>[];
  /** The parts of the request that could not be scanned, as the event's `coverage` lists them (`unscannable: 'block'`). */
  readonly unscanned: readonly Unscanned[];
  /** Set when the destination itself is not allowed, rather than the data. */
  readonly destination: string | undefined;

  constructor(
    message: string,
    details: {
      eventId: string;
      findings: readonly Pick<Finding, 'type' | 'category' | 'count' | 'field'>[];
      unscanned?: readonly Unscanned[];
      destination?: string;
    },
  ) {
    super(message);
    this.eventId = details.eventId;
    this.findings = details.findings;
    this.unscanned = details.unscanned ?? [];
    this.destination = details.destination;
  }
}

/**
 * Thrown by the wrapped `fetch` when a `block` budget is used up: the request never left. Says
 * which budget, and when a call of the same size would fit again (`retryAfterMs`, and
 * `retryAfter` in whole seconds as an HTTP `Retry-After` header gives it).
 */
export class OutflowBudgetError extends OutflowBlockedError {
  override name = 'OutflowBudgetError';
  /** The budget that refused the call, as the policy names it. */
  readonly budget: Readonly<Pick<Budget, 'id' | 'scope' | 'window'>>;
  readonly budgetId: string;
  readonly scope: Budget['scope'];
  readonly window: Budget['window'];
  /** The limit the call would have gone over. */
  readonly exceeded: BudgetLimit;
  readonly retryAfterMs: number;
  /** `retryAfterMs` rounded up to whole seconds. */
  readonly retryAfter: number;

  constructor(message: string, details: { eventId: string; budget: Pick<Budget, 'id' | 'scope' | 'window'>; exceeded: BudgetLimit; retryAfterMs: number }) {
    super(message, { eventId: details.eventId, findings: [] });
    this.budget = { id: details.budget.id, scope: details.budget.scope, window: details.budget.window };
    this.budgetId = details.budget.id;
    this.scope = details.budget.scope;
    this.window = details.budget.window;
    this.exceeded = details.exceeded;
    this.retryAfterMs = details.retryAfterMs;
    this.retryAfter = Math.ceil(details.retryAfterMs / 1000);
  }
}

/** Thrown by the wrapped `fetch` when a usage signal whose action is `block` is raised: the request never left. */
export class OutflowSignalError extends OutflowBlockedError {
  override name = 'OutflowSignalError';
  readonly signal: EventSignal;

  constructor(message: string, details: { eventId: string; signal: EventSignal }) {
    super(message, { eventId: details.eventId, findings: [] });
    this.signal = details.signal;
  }
}
