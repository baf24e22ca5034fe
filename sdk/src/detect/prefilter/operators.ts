/**
 * Assignment operators (`:` and `=` after a name) and the `:h:` shape of IPv6 addresses, from
 * one sweep over the colons and equals signs. Both are far rarer than letters, and `indexOf`
 * finds them faster than any regex.
 */
import { isHex, nextIndexOf } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';
import type { SuffixFilter } from './suffixes';

/** The longest IPv6 address text (`ffff:…:255.255.255.255` is 45 characters); see ip.ts. */
const MAX_IPV6_LENGTH = 45;

const COLON = 58;
/** The rest of a run of hex digits and colons, sticky; it always matches (possibly empty). */
const HEX_RUN_REST = /[0-9A-Fa-f:]*/y;
const EQUALS = 61;

/**
 * Whether the name before the operator at `op` (past spaces, tabs, a closing quote and the `_`,
 * `-` or `.` that may end a name) ends with the last three characters of one of the assignment
 * triggers' words.
 */
function followsWord(text: string, op: number, suffixes: SuffixFilter): boolean {
  let i = op - 1;
  let c = text.charCodeAt(i);
  while (c === 32 || c === 9) c = text.charCodeAt(--i);
  if (c === 34 || c === 39) c = text.charCodeAt(--i);
  while (c === 95 || c === 45 || c === 46) c = text.charCodeAt(--i);
  return suffixes.mayEndAt(text, i);
}

/** The end of the run of `code` starting at `index`: in `::::` or `====` only the first can follow a name. */
function runEnd(text: string, index: number, code: number): number {
  let i = index + 1;
  while (text.charCodeAt(i) === code) i++;
  return i;
}

/** `:` then up to four hex digits then `:`, at `index`. */
function isHexColonShape(text: string, index: number): boolean {
  let i = index + 1;
  const max = index + 5;
  while (i < max && isHex(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === COLON;
}

/**
 * The `:h:` shape at `index`, the first of its run of hex digits and colons: the detector reads
 * the whole run itself, so the run gets one anchor. The run is read here anyway (to skip it), so
 * its colons and hex digits are counted on the way, and a run too poor to hold an address (`a::`,
 * `::1`, `::::`) is not visited. Returns the run's end.
 */
function visitHexRun(text: string, index: number, plan: AnchorPlan, visit: AnchorVisitor): number {
  let colons = 0;
  let hexDigits = 0;
  let end = index;
  for (let c = text.charCodeAt(end); end < text.length && (isHex(c) || c === COLON) && (colons < 2 || hexDigits < 3); c = text.charCodeAt(++end)) {
    if (c === COLON) colons++;
    else hexDigits++;
  }
  // Counted far enough: the rest of the run (`ab:ab:…` may be a megabyte) is skipped natively.
  HEX_RUN_REST.lastIndex = end;
  HEX_RUN_REST.test(text);
  end = HEX_RUN_REST.lastIndex;
  // Hex digits and colons may precede the shape (`fe80::1`): count those too, as far back as an address reaches.
  const minStart = Math.max(0, index - MAX_IPV6_LENGTH);
  for (let i = index - 1; i >= minStart && (colons < 2 || hexDigits < 3); i--) {
    const c = text.charCodeAt(i);
    if (c === COLON) colons++;
    else if (isHex(c)) hexDigits++;
    else break;
  }
  if (colons >= 2 && hexDigits >= 3) visitAll(plan.hexColon, index, visit);
  return end;
}

/**
 * The operators at which an assignment may sit (see followsWord), in order, and, when IPv6 is
 * wanted, one `:h:` anchor per run of hex digits and colons, visited on the way.
 */
function colonAnchors(text: string, plan: AnchorPlan, visit: AnchorVisitor, assignments: number[] | null): void {
  const hexColon = plan.hexColon.length > 0;
  const skipHexRuns = assignments === null || !plan.assignmentSuffixes.endsInHex;
  let hexRunEnd = -1;
  let lastHit = -Infinity;
  for (let colon = text.indexOf(':'); colon >= 0; ) {
    if (assignments !== null && followsWord(text, colon, plan.assignmentSuffixes)) assignments.push(colon);
    let resume = -1;
    if (hexColon && colon >= hexRunEnd && isHexColonShape(text, colon)) {
      hexRunEnd = visitHexRun(text, colon, plan, visit);
      // Read once here: `::::…` or `ab:ab:…` is one step, not one per colon.
      if (skipHexRuns) resume = hexRunEnd;
    }
    const gap = colon - lastHit;
    lastHit = colon;
    colon = nextIndexOf(text, ':', COLON, resume === -1 ? runEnd(text, colon, COLON) : resume, gap);
  }
}

function equalsAnchors(text: string, plan: AnchorPlan, assignments: number[]): void {
  let lastHit = -Infinity;
  let gap = Infinity;
  for (let equals = text.indexOf('='); equals >= 0; equals = nextIndexOf(text, '=', EQUALS, runEnd(text, equals, EQUALS), gap)) {
    gap = equals - lastHit;
    lastHit = equals;
    if (followsWord(text, equals, plan.assignmentSuffixes)) assignments.push(equals);
  }
}

export function visitOperators(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  if (plan.assignment.length === 0) {
    colonAnchors(text, plan, visit, null);
    return;
  }
  const colons: number[] = [];
  const equals: number[] = [];
  colonAnchors(text, plan, visit, colons);
  equalsAnchors(text, plan, equals);
  // Merged, so that each assignment detector sees its anchors in increasing order.
  let i = 0;
  let j = 0;
  while (i < colons.length || j < equals.length) {
    const op = j >= equals.length || (i < colons.length && colons[i]! < equals[j]!) ? colons[i++]! : equals[j++]!;
    visitAll(plan.assignment, op, visit);
  }
}
