/** Context keywords (`aws`, `secret`), and the base64-run condition of `followedByRun`. */
import { isBase64Code } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';

/**
 * Finds, for increasing positions, the first run of at least `minLength` base64 characters that
 * starts at or after the position and no later than a limit. It reads forward only, up to the
 * limits asked (a window after each keyword), and skips like Boyer–Moore: when the character
 * `minLength - 1` ahead is not a key character, no run can start before it, so prose is read
 * about one character in forty.
 */
export class RunLocator {
  /** No qualifying run starts before `readTo` except `found`; `readTo` is never inside a run that began earlier. */
  private readTo = 0;
  /** A run found at or after the last position asked, or -1. */
  private found = -1;

  constructor(readonly minLength: number) {}

  /** Where the run {@link nextRunFrom} last returned ends: it has read that far. */
  get runEnd(): number {
    return this.readTo;
  }

  nextRunFrom(text: string, position: number, limit: number): number {
    if (this.found >= position) return this.found <= limit ? this.found : -1;
    this.found = -1;
    let i = this.readTo;
    if (i < position) {
      i = position;
      // A run already under way at `position` started before it: it does not count.
      while (i > 0 && i < text.length && isBase64Code(text.charCodeAt(i - 1)) && isBase64Code(text.charCodeAt(i))) i++;
    }
    const length = this.minLength;
    while (i <= limit && i + length <= text.length) {
      const probe = i + length - 1;
      if (!isBase64Code(text.charCodeAt(probe))) {
        i = probe + 1;
        continue;
      }
      let back = probe - 1;
      while (back >= i && isBase64Code(text.charCodeAt(back))) back--;
      if (back >= i) {
        i = back + 1;
        continue;
      }
      // `i` starts a run (the character before it is not a key character) reaching `probe`.
      let end = probe + 1;
      while (end < text.length && isBase64Code(text.charCodeAt(end))) end++;
      this.found = i;
      this.readTo = end;
      return i;
    }
    this.readTo = i;
    return -1;
  }
}

/** How far ahead the next run is looked for when a keyword's own window holds none. */
const LOOKAHEAD = 4096;

export function visitKeywords(text: string, plan: AnchorPlan, re: RegExp, visit: AnchorVisitor): void {
  const condition = plan.keywordRun;
  const locator = condition === null ? null : new RunLocator(condition.minLength);
  const reach = condition === null ? 0 : condition.within - condition.minLength;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const anchor = m.index;
    const list = plan.keywordDetectors.get(text, anchor, re.lastIndex);
    if (locator === null) {
      visitAll(list, anchor, visit);
      continue;
    }
    // Where no run fits this keyword's window, the next run is looked for further ahead, and
    // keywords too far before it are not even matched: `secret: aws secret: aws …` then costs a
    // regex match per few kilobytes, not per keyword.
    const run = locator.nextRunFrom(text, anchor, anchor + LOOKAHEAD);
    if (run !== -1 && run <= anchor + reach) {
      visitAll(list, anchor, visit);
    } else {
      const resume = (run === -1 ? anchor + LOOKAHEAD : run) - reach;
      if (resume > re.lastIndex) re.lastIndex = resume;
    }
  }
}
