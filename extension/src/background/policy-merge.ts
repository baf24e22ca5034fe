/**
 * The policy that applies in the AI web apps: IT's (managed storage), the employee's (options),
 * or both. When IT sets a policy, an employee may add to it only if IT allows it, and then only
 * make it stricter: their rules and detectors are added (the strictest matching rule wins), their
 * default action counts only where it is stricter, and IT's destination list, internal hosts and
 * disabled types stay IT's. Pure, so every case is unit-tested.
 */
import { stricter } from '@outflow/sdk/internal/capture';
import { PolicySchema, type Policy } from '@outflow/sdk/schema';

export type PolicySource = 'default' | 'employee' | 'managed' | 'managed+employee';

/** Every default of the schema: log everything. */
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});

export function effectivePolicy(managed: Policy | undefined, employee: Policy | undefined, employeeAllowed: boolean): { policy: Policy; source: PolicySource } {
  if (!managed) return employee ? { policy: employee, source: 'employee' } : { policy: DEFAULT_POLICY, source: 'default' };
  if (!employee || !employeeAllowed) return { policy: managed, source: 'managed' };
  const ids = new Set(managed.customDetectors.map((detector) => detector.id));
  return {
    policy: {
      ...managed,
      defaultAction: stricter(managed.defaultAction, employee.defaultAction),
      rules: [...managed.rules, ...employee.rules],
      // IT's detector keeps its id: an employee's detector of the same id is not added.
      customDetectors: [...managed.customDetectors, ...employee.customDetectors.filter((detector) => !ids.has(detector.id))],
    },
    source: 'managed+employee',
  };
}

/** Whether a policy can make the extension stop, change or question a send (so sends wait for their scan). */
export function policyHolds(policy: Policy): boolean {
  return (
    policy.defaultAction !== 'log' || policy.rules.some((rule) => rule.action !== 'log') || policy.allowedDestinations !== undefined || policy.unscannable === 'block'
  );
}
