/**
 * Budgets and usage signals on a call's path: `measure` reads what they need from the request
 * while it is inspected (an input-token estimate and a prompt sketch, never text), `admit`
 * decides and counts the call, `settle` corrects the counts with the provider's usage.
 */
import { createBudgetLedger, type BudgetBlock, type BudgetLedger, type BudgetVerdict } from '../budgets/ledger';
import { defaultBudgetStores, type BudgetStore } from '../budgets/store';
import { estimateTokens } from '../budgets/tokens';
import type { TextField } from '../providers';
import type { TokenUsage } from '../providers/usage';
import type { Budget, EventBudget, EventSignal, Policy } from '../schema';
import { createSignalMonitor, type SignalMonitor } from '../signals/monitor';
import { sketchPrompt, type PromptSketch, type PromptSpan } from '../signals/sketch';

export interface CallFeatures {
  /** Input tokens estimated from every text field; 0 unless a budget sets `maxTokens`. */
  tokenEstimate: number;
  sketch: PromptSketch | undefined;
}

export interface UsageCall {
  /** Epoch ms when the call started. */
  at: number;
  provider: string;
  /** Request bytes as they leave. */
  bytes: number;
  features: CallFeatures | undefined;
}

export type UsageBlock = { kind: 'budget'; budget: BudgetBlock } | { kind: 'signal'; signal: EventSignal };

export interface Admission {
  budgets: EventBudget[];
  signals: EventSignal[];
  block: UsageBlock | undefined;
  call: UsageCall;
  verdict: BudgetVerdict | undefined;
}

export interface UsageGuard {
  /** True when a budget or a signal may refuse calls: every call must then be decided before it leaves. */
  readonly canBlock: boolean;
  measure(fields: readonly TextField[], matches: ReadonlyMap<TextField, readonly PromptSpan[]>): CallFeatures;
  admit(call: UsageCall): Admission;
  settle(admission: Admission, usage: TokenUsage | undefined): void;
  /** For the memory benchmark. */
  readonly monitor: SignalMonitor;
}

export interface UsageGuardOptions {
  policy: Policy;
  app: string;
  sessionId: string;
  /** @default Web Storage in a browser (see budgets/store.ts), memory elsewhere */
  budgetStore?: BudgetStore;
  /** Called once each time a signal is raised (not again while it stays raised). */
  onSignal?: (signal: EventSignal) => void;
}

/** Paths of the fields that carry the conversation; the prompt is the last of them. */
const CONVERSATION = /^(?:messages|input|contents|prompt|content|body|text|requests)\b/;

export function createUsageGuard(options: UsageGuardOptions): UsageGuard {
  const { policy } = options;
  const stores = options.budgetStore === undefined ? defaultBudgetStores() : () => options.budgetStore!;
  const ledger: BudgetLedger | undefined = policy.budgets.length > 0 ? createBudgetLedger(policy.budgets, { app: options.app, sessionId: options.sessionId }, stores) : undefined;
  const monitor = createSignalMonitor(policy.signals);
  // Keyed hashes: a sketch means nothing outside this instance.
  const seed = (Math.random() * 0x100000000) >>> 0;
  // Only a token budget needs the estimate (signals count the tokens providers report).
  const estimates = policy.budgets.some((budget) => budget.maxTokens !== undefined);
  const signalsBlock = Object.values(policy.signals).some((settings) => settings.action === 'block');

  return {
    canBlock: signalsBlock || policy.budgets.some((budget: Budget) => budget.action === 'block'),
    monitor,
    measure(fields, matches) {
      let tokenEstimate = 0;
      let prompt: TextField | undefined;
      let last: TextField | undefined;
      for (const field of fields) {
        if (estimates) tokenEstimate += estimateTokens(field.text);
        if (CONVERSATION.test(field.field)) prompt = field;
        last = field;
      }
      prompt ??= last;
      const spans = prompt === undefined ? [] : [...(matches.get(prompt) ?? [])].sort((a, b) => a.start - b.start);
      return { tokenEstimate, sketch: prompt === undefined ? undefined : sketchPrompt(prompt.text, spans, seed) };
    },
    admit(call) {
      const reading = monitor.observe({ at: call.at, provider: call.provider, bytes: call.bytes, sketch: call.features?.sketch });
      for (const signal of reading.newlyRaised) {
        try {
          options.onSignal?.(signal);
        } catch {
          // The app's own handler failed; a signal never breaks a call.
        }
      }
      const blockingSignal = reading.signals.find((signal) => signal.action === 'block');
      // A call a signal refuses never leaves, so no budget counts it.
      const verdict = blockingSignal ? undefined : ledger?.admit({ at: call.at, provider: call.provider, bytes: call.bytes, tokenEstimate: call.features?.tokenEstimate ?? 0 });
      const block: UsageBlock | undefined = verdict?.block ? { kind: 'budget', budget: verdict.block } : blockingSignal ? { kind: 'signal', signal: blockingSignal } : undefined;
      return { budgets: verdict?.exceeded ?? [], signals: reading.signals, block, call, verdict };
    },
    settle(admission, usage) {
      if (admission.block !== undefined) return;
      const reported = usage?.tokensIn === undefined && usage?.tokensOut === undefined ? undefined : (usage.tokensIn ?? 0) + (usage.tokensOut ?? 0);
      if (reported === undefined) return;
      monitor.addTokens(admission.call.provider, admission.call.at, reported);
      if (admission.verdict !== undefined) ledger?.settle(admission.verdict, { at: admission.call.at, provider: admission.call.provider, bytes: admission.call.bytes, tokenEstimate: admission.call.features?.tokenEstimate ?? 0 }, reported);
    },
  };
}
