/** Command-line options (`-p`, `--password`, `-AsPlainText`): where a `-` starts one. */
import { codeAt, nextIndexOf } from '../text';
import type { AnchorPlan, AnchorVisitor } from './plan';

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Every `-` that starts an option: after whitespace, a quote or the start of the text, and before
 * a letter or a second `-` and a letter. Hyphens inside words (`e-mail`, `sk-…`), list markers
 * (`- item`) and rules (`----`) cost one or two reads each. A run of `-` is one step.
 */
export function visitOptions(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const detectors = plan.option;
  let lastDash = -100;
  let readTo = -1;
  for (let dash = text.indexOf('-'); dash >= 0; ) {
    const before = codeAt(text, dash - 1);
    let after = dash + 1;
    if (codeAt(text, after) === 45) after++;
    if (dash >= readTo && (before === -1 || before === 32 || before === 9 || before === 10 || before === 34 || before === 39) && isLetter(codeAt(text, after))) {
      readTo = visit(detectors[0]!, dash);
      for (let i = 1; i < detectors.length; i++) readTo = Math.min(readTo, visit(detectors[i]!, dash));
    }
    let next = after;
    while (codeAt(text, next) === 45) next++;
    const gap = dash - lastDash;
    lastDash = dash;
    dash = nextIndexOf(text, '-', Math.max(next, readTo), gap);
  }
}
