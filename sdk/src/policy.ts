/**
 * Policy decisions: what happens to each finding (the strictest matching rule wins, else the
 * default action) and whether a destination may be called at all.
 */
import { mimeMatches, type UnscannedPart } from './coverage';
import { OutflowConfigError } from './errors';
import { describeZodIssues, issueMessage } from './cli/zod-issues';
import { findHostPattern } from './internal/hosts';
import { PolicySchema, type Action, type Category, type Destination, type Policy, type PolicyInput } from './schema';

/** Redacting is stricter than asking for a reason: the value does not leave at all. */
const STRICTNESS: Record<Action, number> = { log: 0, warn: 1, justify: 2, redact: 3, block: 4 };

/** The stricter of two actions. */
export function stricter(a: Action, b: Action): Action {
  return STRICTNESS[b] > STRICTNESS[a] ? b : a;
}

/**
 * What the SDK does for a policy action. `warn` and `justify` ask the employee, and an app's
 * call through the SDK has no one to ask: the SDK records them as `log` (the extension asks in
 * the AI web apps, where the employee is at the keyboard).
 */
export function enforcedBySdk(action: Action): 'log' | 'redact' | 'block' {
  return action === 'warn' || action === 'justify' ? 'log' : action;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  /** The action for a finding of `type`/`category` going to `destination`. */
  actionFor(type: string, category: Category, destination: Pick<Destination, 'host' | 'provider'>): Action;
  /** False when `allowedDestinations` is set and names neither the host nor the provider. */
  allows(destination: Pick<Destination, 'host' | 'provider'>): boolean;
  /**
   * Whether a part Outflow could not scan blocks the call: under `unscannable: 'block'`, every
   * part but binary content of a type `unscannableAllowedTypes` lists.
   */
  blocksUnscanned(part: Pick<UnscannedPart, 'reason' | 'mimeType'>): boolean;
  /** Whether the SDK could redact or block any call; when not, a call need not wait for its scan. */
  readonly canChangeCalls: boolean;
}

/** Validates `input` (throws `OutflowConfigError` naming the bad field) and prepares fast lookups. */
export function compilePolicy(input: PolicyInput | Policy = {}): CompiledPolicy {
  const parsed = PolicySchema.safeParse(input, { error: issueMessage });
  if (!parsed.success) throw new OutflowConfigError(`invalid policy: ${describeZodIssues(parsed.error)}`);
  const policy = parsed.data;
  const rules = policy.rules.map((rule) => ({
    types: rule.types ? new Set(rule.types) : undefined,
    categories: rule.categories ? new Set<string>(rule.categories) : undefined,
    destinations: rule.destinations,
    action: rule.action,
  }));
  return {
    policy,
    actionFor(type, category, destination) {
      let action: Action | undefined;
      for (const rule of rules) {
        if (rule.types && !rule.types.has(type)) continue;
        if (rule.categories && !rule.categories.has(category)) continue;
        if (rule.destinations && !matchesDestination(rule.destinations, destination)) continue;
        action = action === undefined ? rule.action : stricter(action, rule.action);
      }
      return action ?? policy.defaultAction;
    },
    allows(destination) {
      return policy.allowedDestinations === undefined || matchesDestination(policy.allowedDestinations, destination);
    },
    blocksUnscanned(part) {
      if (policy.unscannable !== 'block') return false;
      return !(part.reason === 'binary' && part.mimeType !== undefined && mimeMatches(part.mimeType, policy.unscannableAllowedTypes));
    },
    canChangeCalls:
      enforcedBySdk(policy.defaultAction) !== 'log' || policy.rules.some((rule) => enforcedBySdk(rule.action) !== 'log') || policy.allowedDestinations !== undefined || policy.unscannable === 'block',
  };
}

/** A selector names a host (`api.openai.com`, `*.openai.azure.com`) or a provider (`openai`). */
export function matchesDestination(selectors: readonly string[], destination: Pick<Destination, 'host' | 'provider'>): boolean {
  const provider = destination.provider.toLowerCase();
  return selectors.some((s) => s.toLowerCase() === provider) || findHostPattern(destination.host, selectors) >= 0;
}

