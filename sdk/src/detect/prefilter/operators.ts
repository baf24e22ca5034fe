/**
 * Assignment operators (`:` and `=` after a name, the `>` closing an XML start tag such as
 * `<password>`, the `,` after a quoted name in a call) and the `:h:` shape of IPv6 addresses,
 * from one sweep over each character. All are far rarer than letters, and `indexOf` finds them
 * faster than any regex.
 */
import { MAX_IPV6 } from '../detectors/ip';
import { assignmentNameEnd, codeAt, isHex, nextIndexOf } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';
import type { SuffixFilter } from './suffixes';

const COLON = 58;
const EQUALS = 61;
/** The rest of a run of hex digits and colons, sticky; it always matches (possibly empty). */
const HEX_RUN_REST = /[0-9A-Fa-f:]*/y;

/**
 * A cheap necessary test for an assignment to a name whose last word may be one of the
 * trigger words: the name before the operator at `op` (see assignmentNameEnd), less the `_`, `-`,
 * `.` and digits that may end it (`API_KEY_2`), passes the suffix filter.
 */
function followsWord(text: string, op: number, suffixes: SuffixFilter): boolean {
  let i = assignmentNameEnd(text, op) - 1;
  let c = codeAt(text, i);
  while (c === 95 || c === 45 || c === 46 || (c >= 48 && c <= 57)) c = codeAt(text, --i);
  return suffixes.mayEndAt(text, i);
}

/** The end of the run of `code` starting at `index`: in `::::` or `====` only the first can follow a name. */
function runEnd(text: string, index: number, code: number): number {
  const length = text.length;
  let i = index + 1;
  while (i < length && text.charCodeAt(i) === code) i++;
  return i;
}

/**
 * `:` then up to four hex digits then `:`, at `index`, the first colon of its run, which ends at
 * `colonsEnd`. A run of colons with no hex digit on either side (`=::p`) is a run of its own
 * holding no digit, so it is no address.
 */
function isHexColonShape(text: string, index: number, colonsEnd: number): boolean {
  if (colonsEnd > index + 1 && !isHex(codeAt(text, index - 1)) && !isHex(codeAt(text, colonsEnd))) return false;
  let i = index + 1;
  const max = index + 5;
  while (i < max && isHex(codeAt(text, i))) i++;
  return codeAt(text, i) === COLON;
}

/**
 * The `:h:` shape at `index`, the first of its run of hex digits and colons: the detector reads
 * the whole run itself, so the run gets one anchor. The run's colons and hex digits are counted
 * on the way, and a run too poor to hold an address (`a::`, `::1`, `::::`) is not visited.
 * Returns the run's end.
 */
function visitHexRun(text: string, index: number, plan: AnchorPlan, visit: AnchorVisitor): number {
  let colons = 0;
  let hexDigits = 0;
  let end = index;
  for (let c = text.charCodeAt(end); end < text.length && (isHex(c) || c === COLON) && (colons < 2 || hexDigits < 3); c = codeAt(text, ++end)) {
    if (c === COLON) colons++;
    else hexDigits++;
  }
  // Counted far enough while the run goes on: its rest (`ab:ab:…` may be a megabyte) is skipped natively.
  const c = codeAt(text, end);
  if (isHex(c) || c === COLON) {
    HEX_RUN_REST.lastIndex = end;
    HEX_RUN_REST.test(text);
    end = HEX_RUN_REST.lastIndex;
  }
  // Hex digits and colons may precede the shape (`fe80::1`): count those too, as far back as an address reaches.
  const minStart = Math.max(0, index - MAX_IPV6);
  for (let i = index - 1; i >= minStart && (colons < 2 || hexDigits < 3); i--) {
    const c = text.charCodeAt(i);
    if (c === COLON) colons++;
    else if (isHex(c)) hexDigits++;
    else break;
  }
  if (colons >= 2 && hexDigits >= 3) visitAll(plan.hexColon, index, visit);
  return end;
}

/** Visits an assignment anchor (`detectors` is not empty); returns where the next one may be (the least any detector asks, see AnchorVisitor). */
function visitAssignment(detectors: readonly number[], op: number, visit: AnchorVisitor): number {
  let resume = visit(detectors[0]!, op);
  for (let i = 1; i < detectors.length; i++) resume = Math.min(resume, visit(detectors[i]!, op));
  return resume;
}

/** Whether the `,` at `comma` may separate a name from its value: right after a quoted name (`("password", …`) or a bare one (`token,abc…` in a CSV). */
function commaAfterName(text: string, comma: number): boolean {
  const before = codeAt(text, comma - 1);
  return before === 34 || before === 39 || (before >= 97 && before <= 122) || (before >= 65 && before <= 90);
}

/**
 * Sweeps the colons, equals signs, `>` and `,` together, so that each assignment detector sees
 * its anchors in increasing order. The `>` closes an XML start tag (`<password>`,
 * `key="password">`); the `,` separates a quoted name from its value in a call
 * (`setProperty("db.password", "…")`, `define('DB_PASSWORD', '…')`). A run of hex digits and
 * colons is skipped whole once its shape is seen: no trigger word ends in three hex digits
 * (suffixes.ts), so no assignment sits inside it. Where the assignment detectors have read past
 * operators (a long value, a chain), the other sweeps jump there; the colon sweep still looks at
 * every colon for IPv6 when that is wanted.
 */
export function visitOperators(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const assignment = plan.assignment;
  const wantAssignments = assignment.length > 0;
  const hexColon = plan.hexColon.length > 0;
  const suffixes = plan.assignmentSuffixes;
  let hexRunEnd = -1;
  /** No assignment anchor is wanted before this. */
  let readTo = -1;
  let colon = text.indexOf(':');
  let equals = wantAssignments ? text.indexOf('=') : -1;
  let tagEnd = wantAssignments ? text.indexOf('>') : -1;
  let comma = wantAssignments ? text.indexOf(',') : -1;
  // Small integers rather than -Infinity, which would make V8 keep them as doubles; the first gap is not small.
  let lastColon = -100;
  let lastEquals = -100;
  let lastTagEnd = -100;
  let lastComma = -100;
  const unset = text.length;
  for (;;) {
    const c = colon < 0 ? unset : colon;
    const e = equals < 0 ? unset : equals;
    const t = tagEnd < 0 ? unset : tagEnd;
    const k = comma < 0 ? unset : comma;
    if (c < e && c < t && c < k) {
      if (wantAssignments && colon >= readTo && followsWord(text, colon, suffixes)) readTo = visitAssignment(assignment, colon, visit);
      let resume = runEnd(text, colon, COLON);
      if (hexColon && colon >= hexRunEnd && isHexColonShape(text, colon, resume)) {
        hexRunEnd = visitHexRun(text, colon, plan, visit);
        resume = hexRunEnd;
      }
      if (!hexColon && readTo > resume) resume = readTo;
      const gap = colon - lastColon;
      lastColon = colon;
      colon = nextIndexOf(text, ':', resume, gap);
    } else if (e < t && e < k) {
      if (equals >= readTo && followsWord(text, equals, suffixes)) readTo = visitAssignment(assignment, equals, visit);
      const gap = equals - lastEquals;
      lastEquals = equals;
      equals = nextIndexOf(text, '=', Math.max(runEnd(text, equals, EQUALS), readTo), gap);
    } else if (t < k) {
      if (tagEnd >= readTo && followsWord(text, tagEnd, suffixes)) readTo = visitAssignment(assignment, tagEnd, visit);
      const gap = tagEnd - lastTagEnd;
      lastTagEnd = tagEnd;
      tagEnd = nextIndexOf(text, '>', Math.max(tagEnd + 1, readTo), gap);
    } else if (k < unset) {
      if (comma >= readTo && commaAfterName(text, comma) && followsWord(text, comma, suffixes)) readTo = visitAssignment(assignment, comma, visit);
      const gap = comma - lastComma;
      lastComma = comma;
      comma = nextIndexOf(text, ',', Math.max(comma + 1, readTo), gap);
    } else {
      return;
    }
  }
}
