/** Digit spans, `AB12` shapes and `:h:` shapes, in one regex pass. */
import { isAlnum, isHex } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';

/** Runs of digits and the separators numbers are written with; seven characters is the shortest candidate (`1.1.1.1`). */
const DIGIT_SPAN = '\\d[\\d .()/-]{6,}';

/**
 * `AB12` shapes, a run of them in one match (`GB82 GB82 …`, `AB12CD34`): visitShapes walks the
 * run's shapes itself, so such a run costs one regex match rather than one per shape.
 */
const LETTERS_DIGITS = '[A-Z]{2} ?\\d\\d(?: ?[A-Z]{2} ?\\d\\d)*';

const HEX_COLON = ':[0-9A-Fa-f]{0,4}:';

/** The longest IPv6 address text (`ffff:…:255.255.255.255` is 45 characters); see ip.ts. */
const MAX_IPV6_LENGTH = 45;

/**
 * The three shape anchors in one pass. Their first characters (digit, capital, colon) differ, so
 * at most one alternative matches at a position and the kind is told by that character.
 */
const SHAPES = new RegExp(`${DIGIT_SPAN}|${LETTERS_DIGITS}|${HEX_COLON}`, 'g');

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `1 1 …`: a one-digit group followed by another one-digit group starts no supported number. */
function singleDigitPair(text: string, index: number): boolean {
  return !isDigitCode(text.charCodeAt(index + 1)) && isDigitCode(text.charCodeAt(index + 2)) && !isDigitCode(text.charCodeAt(index + 3));
}

/**
 * A digit group may start a number when it does not continue an identifier, a version or a
 * path (`v1.2`, `Chrome/120`, `x86`); a `/` after `//` (a URL) is fine.
 */
function digitGroupMayStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const prev = text.charCodeAt(index - 1);
  if (isAlnum(prev) || prev === 95 || prev === 46 || prev === 45) return false;
  return prev !== 47 || text.charCodeAt(index - 2) === 47;
}

/** Digit-group anchors inside one digit span `[start, end)`. */
function visitDigitSpan(text: string, start: number, end: number, plan: AnchorPlan, visit: AnchorVisitor): void {
  let digitCount = 0;
  for (let i = start; i < end && digitCount < 4; i++) if (isDigitCode(text.charCodeAt(i))) digitCount++;
  if (digitCount < 4) return;
  if (digitGroupMayStart(text, start) && !singleDigitPair(text, start)) visitAll(plan.digits, start, visit);
  // Inside a span, a new number starts after a space or a bracket, not after `.`, `-` or `/`.
  // Each code unit is read once: the previous one, the current one and the three after it
  // (singleDigitPair's window) slide along the span, which may be a megabyte of `1 1 1 …`.
  let prev = text.charCodeAt(start);
  let c = text.charCodeAt(start + 1);
  let next1 = text.charCodeAt(start + 2);
  let next2 = text.charCodeAt(start + 3);
  let next3 = text.charCodeAt(start + 4);
  for (let i = start + 1; i < end; i++) {
    if (isDigitCode(c) && (prev === 32 || prev === 40 || prev === 41) && (isDigitCode(next1) || !isDigitCode(next2) || isDigitCode(next3))) visitAll(plan.digits, i, visit);
    prev = c;
    c = next1;
    next1 = next2;
    next2 = next3;
    next3 = text.charCodeAt(i + 4);
  }
}

/**
 * Inside a run of hex digits and colons only a digit span or an `AA12` shape can still start, at
 * a digit or a capital: the next such position, or the run's end. Colons and lower-case hex are
 * stepped over here rather than matched again, so `::::…` or `ab:ab:…` cost one regex match per run.
 */
function nextShapeInHexRun(text: string, from: number, runEnd: number): number {
  let i = from;
  while (i < runEnd) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c) || (c >= 65 && c <= 70)) return i;
    i++;
  }
  return runEnd;
}

/**
 * Digit spans, `AA12` shapes and `:h:` shapes in one regex pass. Each kind keeps the stepping it
 * had as a pass of its own: a digit span is consumed whole (it holds no capital or colon), an
 * `AA12` shape may overlap the next one, and a run of hex digits and colons gets one `:h:` anchor
 * — later `:h:` matches in the run are skipped, while digit spans and `AA12` inside it are still seen.
 */
export function visitShapes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const re = SHAPES;
  let hexRunEnd = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const index = m.index;
    const first = text.charCodeAt(index);
    if (isDigitCode(first)) {
      if (plan.digits.length > 0) visitDigitSpan(text, index, re.lastIndex, plan, visit);
      continue; // lastIndex is already past the span
    }
    if (first !== 58) {
      re.lastIndex = visitLettersDigitsRun(text, index, re.lastIndex, plan, visit);
      continue;
    }
    // A colon: a `:h:` shape, the start of a possible IPv6 run.
    if (index >= hexRunEnd) {
      // One anchor per run of hex digits and colons: the detector reads the whole run itself.
      // The run is read here anyway (to skip it), so its colons and hex digits are counted on
      // the way, and a run too poor to hold an address (`a::`, `::1`, `::::`) is not visited.
      let colons = 0;
      let hexDigits = 0;
      hexRunEnd = index;
      for (let c = text.charCodeAt(hexRunEnd); hexRunEnd < text.length && (isHex(c) || c === 58); c = text.charCodeAt(++hexRunEnd)) {
        if (c === 58) colons++;
        else hexDigits++;
      }
      // The match is the first `:h:` of its run, but hex digits and colons may precede it
      // (`fe80::1`): count those too, as far back as an address reaches.
      const minStart = Math.max(0, index - MAX_IPV6_LENGTH);
      for (let i = index - 1; i >= minStart; i--) {
        const c = text.charCodeAt(i);
        if (c === 58) colons++;
        else if (isHex(c)) hexDigits++;
        else break;
      }
      if (plan.hexColon.length > 0 && colons >= 2 && hexDigits >= 3) visitAll(plan.hexColon, index, visit);
    }
    re.lastIndex = nextShapeInHexRun(text, index + 1, hexRunEnd);
  }
}

/**
 * The `AB12` (or `AB 12`) shapes of a run `[start, end)`, each an anchor when it starts a word.
 * Returns where the regex resumes: the last shape's digits, which may start a digit span
 * (`AB12345678`); no span or shape can start earlier inside the run.
 */
function visitLettersDigitsRun(text: string, start: number, end: number, plan: AnchorPlan, visit: AnchorVisitor): number {
  let shape = start;
  let last = start;
  while (shape < end) {
    if (plan.lettersDigits.length > 0 && (shape === 0 || !isAlnum(text.charCodeAt(shape - 1)))) visitAll(plan.lettersDigits, shape, visit);
    last = shape;
    shape += text.charCodeAt(shape + 2) === 32 ? 5 : 4;
    if (text.charCodeAt(shape) === 32) shape++;
  }
  return last + 2;
}
