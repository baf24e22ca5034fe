/**
 * The prefilter: a handful of cheap passes over the text (`indexOf` and simple global regexes
 * that V8 runs natively) locating the anchors detectors care about. Most of a prompt is never
 * looked at by any detector; each detector runs only at its own anchors, on a bounded window.
 */
import type { Detector } from './types';
import { isAlnum, isHex } from './text';

export interface AnchorPlan {
  readonly prefix: RegExp | null;
  readonly prefixDetectors: ReadonlyMap<string, readonly number[]>;
  readonly keyword: RegExp | null;
  readonly keywordDetectors: ReadonlyMap<string, readonly number[]>;
  readonly at: readonly number[];
  readonly digits: readonly number[];
  readonly lettersDigits: readonly number[];
  readonly hexColon: readonly number[];
}

/** Called for each (detector, anchor) pair; anchors reach one detector in increasing order. */
export type AnchorVisitor = (detectorIndex: number, anchor: number) => void;

const escapeRegex = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface TrieNode {
  terminal: boolean;
  readonly children: Map<string, TrieNode>;
}

/** The regex source matching the literals of `node`'s subtree, preferring the longest. */
function trieSource(node: TrieNode): string {
  const branches = [...node.children].map(([char, child]) => escapeRegex(char) + trieSource(child));
  if (branches.length === 0) return '';
  const group = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  // Greedy `?`: a longer literal on this path is tried before the one ending here (`sk-ant-` before `sk-`).
  return node.terminal ? `(?:${group})?` : group;
}

/**
 * One regex for a set of literals, factored as a trie (`sk(?:-ant-|-|_live_|_test_)…`) rather than
 * a flat alternation: V8's engine then tests each shared prefix once per position instead of once
 * per literal. At any position it matches the longest literal there, like a longest-first list.
 */
function alternation(literals: Iterable<string>, flags: string): RegExp | null {
  const root: TrieNode = { terminal: false, children: new Map() };
  let count = 0;
  for (const literal of literals) {
    let node = root;
    for (const char of literal) {
      let child = node.children.get(char);
      if (child === undefined) node.children.set(char, (child = { terminal: false, children: new Map() }));
      node = child;
    }
    node.terminal = true;
    count++;
  }
  return count === 0 ? null : new RegExp(trieSource(root), flags);
}

export function buildPlan(detectors: readonly Detector[]): AnchorPlan {
  const prefixDetectors = new Map<string, number[]>();
  const keywordDetectors = new Map<string, number[]>();
  const at: number[] = [];
  const digits: number[] = [];
  const lettersDigits: number[] = [];
  const hexColon: number[] = [];
  const add = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key) ?? [];
    list.push(index);
    map.set(key, list);
  };
  detectors.forEach((detector, index) => {
    const trigger = detector.trigger;
    switch (trigger.kind) {
      case 'prefix':
        for (const prefix of trigger.prefixes) add(prefixDetectors, prefix, index);
        break;
      case 'keyword':
        for (const keyword of trigger.keywords) add(keywordDetectors, keyword.toLowerCase(), index);
        break;
      case 'at':
        at.push(index);
        break;
      case 'digits':
        digits.push(index);
        break;
      case 'letters-digits':
        lettersDigits.push(index);
        break;
      case 'hex-colon':
        hexColon.push(index);
        break;
    }
  });
  return {
    prefix: alternation(prefixDetectors.keys(), 'g'),
    prefixDetectors,
    keyword: alternation(keywordDetectors.keys(), 'gi'),
    keywordDetectors,
    at,
    digits,
    lettersDigits,
    hexColon,
  };
}

/** Runs of digits and the separators numbers are written with; seven characters is the shortest candidate (`1.1.1.1`). */
const DIGIT_SPAN = '\\d[\\d .()/-]{6,}';
const LETTERS_DIGITS = '[A-Z]{2} ?\\d\\d';
const HEX_COLON = ':[0-9A-Fa-f]{0,4}:';
/** The longest IPv6 address text (`ffff:…:255.255.255.255` is 45 characters); see ip.ts. */
const MAX_IPV6_LENGTH = 45;
/**
 * The three shape anchors in one pass. Their first characters (digit, capital, colon) differ, so
 * at most one alternative matches at a position and the kind is told by that character.
 */
const SHAPES = new RegExp(`${DIGIT_SPAN}|${LETTERS_DIGITS}|${HEX_COLON}`, 'g');

/**
 * The hot loops below compare code units inline instead of calling the helpers of text.ts:
 * under the dev loader (tsx) each cross-module call goes through a getter that V8 does not
 * inline, a measurable cost per character.
 */
function tokenEnd(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Letters, digits, `_`, `-` (isTokenChar).
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) break;
  }
  return i;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `1 1 …`: a one-digit group followed by another one-digit group starts no supported number. */
function singleDigitPair(text: string, index: number): boolean {
  return !isDigitCode(text.charCodeAt(index + 1)) && isDigitCode(text.charCodeAt(index + 2)) && !isDigitCode(text.charCodeAt(index + 3));
}

function visitAll(list: readonly number[], anchor: number, visit: AnchorVisitor): void {
  for (const index of list) visit(index, anchor);
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

export function visitAnchors(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  if (plan.at.length > 0) {
    for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) visitAll(plan.at, i, visit);
  }
  if (plan.prefix !== null) {
    const re = plan.prefix;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const literal = m[0];
      if (isAlnum(literal.charCodeAt(0))) {
        // Token prefixes count at a token start only, and a token is visited once: the rest of
        // `ghp_ghp_ghp_…` or `AKIAAKIA…` is skipped in one step instead of thousands of hits.
        const prev = m.index > 0 ? text.charCodeAt(m.index - 1) : 32;
        if (!(isAlnum(prev) || prev === 95 || prev === 45)) visitAll(plan.prefixDetectors.get(literal)!, m.index, visit);
        re.lastIndex = tokenEnd(text, m.index + literal.length);
      } else {
        visitAll(plan.prefixDetectors.get(literal)!, m.index, visit);
      }
    }
  }
  if (plan.keyword !== null) {
    const re = plan.keyword;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      // Keywords are mostly written in lower case already: lower-case (a new string) only when needed.
      const word = m[0];
      visitAll((plan.keywordDetectors.get(word) ?? plan.keywordDetectors.get(word.toLowerCase()))!, m.index, visit);
    }
  }
  if (plan.digits.length > 0 || plan.lettersDigits.length > 0 || plan.hexColon.length > 0) visitShapes(text, plan, visit);
}

/** Digit-group anchors inside one digit span `[start, end)`. */
function visitDigitSpan(text: string, start: number, end: number, plan: AnchorPlan, visit: AnchorVisitor): void {
  let digitCount = 0;
  for (let i = start; i < end && digitCount < 4; i++) if (isDigitCode(text.charCodeAt(i))) digitCount++;
  if (digitCount < 4) return;
  if (digitGroupMayStart(text, start) && !singleDigitPair(text, start)) visitAll(plan.digits, start, visit);
  for (let i = start + 1; i < end; i++) {
    const prev = text.charCodeAt(i - 1);
    // Inside a span, a new number starts after a space or a bracket, not after `.`, `-` or `/`.
    if (isDigitCode(text.charCodeAt(i)) && (prev === 32 || prev === 40 || prev === 41) && !singleDigitPair(text, i)) visitAll(plan.digits, i, visit);
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
function visitShapes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const re = SHAPES;
  let hexRunEnd = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const index = m.index;
    const first = text.charCodeAt(index);
    if (isDigitCode(first)) {
      if (plan.digits.length > 0) visitDigitSpan(text, index, index + m[0].length, plan, visit);
      continue; // lastIndex is already past the span
    }
    re.lastIndex = index + 1;
    if (first === 58) {
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
    } else if (plan.lettersDigits.length > 0 && (index === 0 || !isAlnum(text.charCodeAt(index - 1)))) {
      visitAll(plan.lettersDigits, index, visit);
    }
  }
}
