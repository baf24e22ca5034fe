/** Digit spans and `AB12` shapes, in one regex pass. */
import { codeAt, isAlnum } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';

/** Digits and the separators numbers are written with, after a first digit: seven characters at least (`1.1.1.1`). */
const SPAN_REST = '[\\d .()/-]{6,}';

/** A compact French NIR of a Corsican department after its first digit (`185052A12345633`): its letter breaks the digit span. */
const CORSICAN_NIR_REST = '\\d{4}2[ABab]\\d{8}';

/**
 * The letters before an `AB12` shape's first digit: two capitals and an optional space, or two
 * lower-case letters (IBANs and NINOs are also typed in lower case) with no space, or with one
 * only where the digits go on in pairs (`jg 10 37 52 b`, `es 58 0049 …`): prose is full of
 * `in 2024` and `at 10`, which would each be an anchor.
 */
const LETTERS_DIGIT = '[A-Z]{2} ?\\d|[a-z]{2}\\d|[a-z]{2} \\d(?=\\d \\d\\d)';

/**
 * Both shapes are found from their first digit, so the regex tries only digits (far rarer than
 * letters) as starting points. At a digit it first asks whether two letters come before it (a
 * lookbehind, see LETTERS_DIGIT) and a second digit after it: an `AB12` shape, captured, whose run continues `AB12CD34`,
 * `GB82 GB82 …` in the same match (visitShapes walks the run's shapes itself, so such a run costs
 * one match rather than one per shape). Otherwise it reads a digit span.
 */
const SHAPES = new RegExp(`\\d(?:(?<=${LETTERS_DIGIT})(\\d(?: ?[A-Za-z]{2} ?\\d\\d)*)|${SPAN_REST}|${CORSICAN_NIR_REST})`, 'g');

/** A digit span at a given position, for the digits that end an `AB12` run (`AB12345678`, `sécu 185052A…`). */
const DIGIT_SPAN_AT = new RegExp(`\\d(?:${SPAN_REST}|${CORSICAN_NIR_REST})`, 'y');

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `1 1 …`: a one-digit group followed by another one-digit group starts no supported number but
 * an IPv4 address (`7.0.95.27`), whose groups are joined by dots.
 */
function singleDigitPair(text: string, index: number): boolean {
  const separator = codeAt(text, index + 1);
  return separator !== 46 && !isDigitCode(separator) && isDigitCode(codeAt(text, index + 2)) && !isDigitCode(codeAt(text, index + 3));
}

/**
 * A digit group may start a number when it does not continue an identifier, a version or a
 * path (`v1.2`, `Chrome/120`, `x86`); a `/` after `//` (a URL) is fine.
 */
function digitGroupMayStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const prev = codeAt(text, index - 1);
  if (isAlnum(prev) || prev === 95 || prev === 46 || prev === 45) return false;
  return prev !== 47 || codeAt(text, index - 2) === 47;
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
  let prev = codeAt(text, start);
  let c = codeAt(text, start + 1);
  let next1 = codeAt(text, start + 2);
  let next2 = codeAt(text, start + 3);
  let next3 = codeAt(text, start + 4);
  for (let i = start + 1; i < end; i++) {
    if (isDigitCode(c) && (prev === 32 || prev === 40 || prev === 41) && (next1 === 46 || isDigitCode(next1) || !isDigitCode(next2) || isDigitCode(next3))) visitAll(plan.digits, i, visit);
    prev = c;
    c = next1;
    next1 = next2;
    next2 = next3;
    next3 = codeAt(text, i + 4);
  }
}

/** Digit spans and `AA12` shapes in one regex pass. */
export function visitShapes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const re = SHAPES;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const index = m.index;
    if (m[1] !== undefined) {
      const lettersStart = text.charCodeAt(index - 1) === 32 ? index - 3 : index - 2;
      const digits = visitLettersDigitsRun(text, lettersStart, re.lastIndex, plan, visit);
      // The last shape's digits may start a digit span; a span starting later in them would start here too.
      DIGIT_SPAN_AT.lastIndex = digits;
      if (DIGIT_SPAN_AT.test(text)) {
        if (plan.digits.length > 0) visitDigitSpan(text, digits, DIGIT_SPAN_AT.lastIndex, plan, visit);
        re.lastIndex = DIGIT_SPAN_AT.lastIndex;
      } else {
        re.lastIndex = digits + 2;
      }
      continue;
    }
    if (plan.digits.length > 0) visitDigitSpan(text, index, re.lastIndex, plan, visit);
  }
}

/**
 * The `AB12` (or `AB 12`) shapes of a run `[start, end)`, each an anchor when it starts a word.
 * Returns where the last shape's digits start; they may start a digit span (`AB12345678`), and
 * no span or shape can start earlier inside the run.
 */
function visitLettersDigitsRun(text: string, start: number, end: number, plan: AnchorPlan, visit: AnchorVisitor): number {
  let shape = start;
  let last = start;
  while (shape < end) {
    if (plan.lettersDigits.length > 0 && (shape === 0 || !isAlnum(text.charCodeAt(shape - 1)))) visitAll(plan.lettersDigits, shape, visit);
    last = shape;
    shape += codeAt(text, shape + 2) === 32 ? 5 : 4;
    if (codeAt(text, shape) === 32) shape++;
  }
  return codeAt(text, last + 2) === 32 ? last + 3 : last + 2;
}
