/**
 * Budgets: counts every call that leaves against each budget of the policy, per scope, over its
 * sliding window, and decides before a call leaves whether it would go over. A `block` budget
 * refuses the call (it is not counted: it never left); a `log` budget lets it go and marks it.
 * Tokens are counted as providers report them (input + output); before the call, its input is
 * estimated from its text (see tokens.ts), and corrected once the provider's usage arrives.
 */
import type { Budget, BudgetLimit, EventBudget } from '../schema';
import type { BudgetStore } from './store';
import { addUsage, emptyWindow, prune, SLOTS, totalOf, waitUntil, WINDOW_MS, type Usage, type WindowState } from './window';

export interface BudgetCall {
  /** Epoch ms when the call started. */
  at: number;
  provider: string;
  /** Request bytes as they leave. */
  bytes: number;
  /** Input tokens estimated from the request's text. */
  tokenEstimate: number;
}

/** Who a call belongs to, for each scope. */
export interface BudgetContext {
  app: string;
  sessionId: string;
}

export interface BudgetBlock {
  budget: Budget;
  exceeded: BudgetLimit;
  /** How long until the call would fit (the longest wait among the budgets it exceeds). */
  retryAfterMs: number;
}

export interface BudgetVerdict {
  /** Budgets the call goes over (every one, `log` and `block`). */
  exceeded: EventBudget[];
  /** Set when a `block` budget refuses the call. */
  block?: BudgetBlock;
  /** For `settle`: which counters the call was added to (none when it was refused). */
  counted: { key: string; store: BudgetStore; windowMs: number }[];
}

export interface BudgetLedger {
  /** Decides the call and, unless it is refused, counts it. */
  admit(call: BudgetCall): BudgetVerdict;
  /** Replaces the call's estimated input tokens by the tokens the provider reported. */
  settle(verdict: BudgetVerdict, call: BudgetCall, reportedTokens: number | undefined): void;
}

export function createBudgetLedger(budgets: readonly Budget[], context: BudgetContext, storeFor: (scope: Budget['scope']) => BudgetStore): BudgetLedger {
  const keyOf = (budget: Budget, provider: string): string => {
    const who = budget.scope === 'app' ? context.app : budget.scope === 'session' ? context.sessionId : budget.scope === 'provider' ? provider : '';
    return `${budget.id}:${budget.scope}:${who}`;
  };
  const load = (store: BudgetStore, key: string, windowMs: number, now: number): WindowState => {
    let state = store.read(key);
    // A counter kept under another window length (the policy changed) starts again.
    if (state === undefined || state.bucketMs * SLOTS !== windowMs) state = emptyWindow(windowMs);
    prune(state, now);
    return state;
  };

  return {
    admit(call) {
      const cost: Usage = { calls: 1, tokens: call.tokenEstimate, bytes: call.bytes };
      const verdict: BudgetVerdict = { exceeded: [], counted: [] };
      const states: { budget: Budget; key: string; store: BudgetStore; state: WindowState; windowMs: number }[] = [];
      for (const budget of budgets) {
        const windowMs = WINDOW_MS[budget.window];
        const store = storeFor(budget.scope);
        const key = keyOf(budget, call.provider);
        const state = load(store, key, windowMs, call.at);
        states.push({ budget, key, store, state, windowMs });
        const exceeded = overLimit(budget, totalOf(state), cost);
        if (exceeded === undefined) continue;
        verdict.exceeded.push({ id: budget.id, action: budget.action, exceeded });
        if (budget.action !== 'block') continue;
        const retryAfterMs = waitUntil(state, call.at, (remaining) => overLimit(budget, remaining, cost) === undefined);
        if (verdict.block === undefined || retryAfterMs > verdict.block.retryAfterMs) verdict.block = { budget, exceeded, retryAfterMs };
      }
      if (verdict.block !== undefined) return verdict;
      for (const { key, store, state, windowMs } of states) {
        addUsage(state, call.at, cost);
        store.write(key, state);
        verdict.counted.push({ key, store, windowMs });
      }
      return verdict;
    },
    settle(verdict, call, reportedTokens) {
      if (reportedTokens === undefined || reportedTokens === call.tokenEstimate) return;
      for (const { key, store, windowMs } of verdict.counted) {
        // Pruned as of the call's start: the correction lands in the bucket the call was counted in.
        const state = load(store, key, windowMs, call.at);
        addUsage(state, call.at, { calls: 0, tokens: reportedTokens - call.tokenEstimate, bytes: 0 });
        store.write(key, state);
      }
    },
  };
}

/** The first limit `cost` on top of `used` would go over, if any. */
function overLimit(budget: Budget, used: Usage, cost: Usage): BudgetLimit | undefined {
  if (budget.maxCalls !== undefined && used.calls + cost.calls > budget.maxCalls) return 'calls';
  if (budget.maxTokens !== undefined && used.tokens + cost.tokens > budget.maxTokens) return 'tokens';
  if (budget.maxBytes !== undefined && used.bytes + cost.bytes > budget.maxBytes) return 'bytes';
  return undefined;
}
