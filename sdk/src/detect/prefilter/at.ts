/** `@` anchors (EMAIL, PASSWORD_IN_URL). */
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';

/**
 * Every `@`, with the conditions of the `at` trigger (see types.ts) checked here: the next `.`
 * and the first `:` since the previous `@` only move forward, so each is found once per `@` run.
 */
export function visitAt(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  let previous = -1;
  let dot = -2;
  let colon = -2;
  for (let at = text.indexOf('@'); at >= 0; ) {
    const next = text.indexOf('@', at + 1);
    if (plan.atDottedDomain.length > 0) {
      if (dot !== -1 && dot < at) dot = text.indexOf('.', at + 1);
      if (dot !== -1 && dot + 2 < (next < 0 ? text.length : next)) visitAll(plan.atDottedDomain, at, visit);
    }
    if (plan.atColonBefore.length > 0) {
      if (colon !== -1 && colon <= previous) colon = text.indexOf(':', previous + 1);
      if (colon !== -1 && colon < at) visitAll(plan.atColonBefore, at, visit);
    }
    if (plan.at.length > 0) visitAll(plan.at, at, visit);
    previous = at;
    at = next;
  }
}
