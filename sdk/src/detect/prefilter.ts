/**
 * The prefilter: a handful of cheap passes over the text (`indexOf` and simple global regexes
 * that V8 runs natively) locating the anchors detectors care about. Most of a prompt is never
 * looked at by any detector; each detector runs only at its own anchors, on a bounded window.
 */
import type { Detector, RunCondition } from './types';
import { isAlnum, isHex } from './text';

export interface AnchorPlan {
  /** Prefixes with no `_`, `-` or `.`, as one regex; the others are found by their first separator. */
  readonly prefix: RegExp | null;
  readonly prefixSeparators: readonly SeparatorGroup[];
  readonly prefixDetectors: LiteralTable;
  readonly keyword: RegExp | null;
  readonly keywordDetectors: LiteralTable;
  /** By detector index: the `followedByRun` condition of its keyword trigger, if any. */
  readonly keywordConditions: readonly (RunCondition | undefined)[];
  readonly at: readonly number[];
  readonly atDottedDomain: readonly number[];
  readonly atColonBefore: readonly number[];
  readonly digits: readonly number[];
  readonly lettersDigits: readonly number[];
  readonly hexColon: readonly number[];
}

/** Called for each (detector, anchor) pair; anchors reach one detector in increasing order. */
export type AnchorVisitor = (detectorIndex: number, anchor: number) => void;

const escapeRegex = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The detectors to call for each literal the prefix or keyword regex matched, looked up by the
 * literal's first character, length and last character read from the text rather than by the
 * matched string: a hit then costs no substring and no string hashing, which is most of the
 * cost of a hit when a keyword is repeated thousands of times. Literals alike in those three
 * share their detectors (`api_key`, `api-key`); otherwise the table falls back to the string.
 */
export class LiteralTable {
  /** Per first character (folded, below 128): the literals' lengths, last characters and detectors. */
  private readonly byFirst: { length: number; last: number; detectors: readonly number[] }[][] = [];
  private readonly byLiteral = new Map<string, readonly number[]>();
  private readonly byShape: boolean;

  constructor(
    entries: ReadonlyMap<string, readonly number[]>,
    private readonly foldCase: boolean,
  ) {
    let unique = true;
    for (const [literal, detectors] of entries) {
      this.byLiteral.set(literal, detectors);
      const first = this.fold(literal.charCodeAt(0));
      const last = this.fold(literal.charCodeAt(literal.length - 1));
      if (first >= 128) unique = false;
      const bucket = (this.byFirst[first] ??= []);
      const same = bucket.find((e) => e.length === literal.length && e.last === last);
      if (same === undefined) bucket.push({ length: literal.length, last, detectors });
      else if (same.detectors.join() !== detectors.join()) unique = false;
    }
    this.byShape = unique;
  }

  private fold(code: number): number {
    return this.foldCase && code >= 65 && code <= 90 ? code + 32 : code;
  }

  /** The detectors for the literal matched at `[start, end)` of `text`. */
  get(text: string, start: number, end: number): readonly number[] {
    if (this.byShape) {
      const bucket = this.byFirst[this.fold(text.charCodeAt(start))]!;
      const length = end - start;
      const last = this.fold(text.charCodeAt(end - 1));
      for (let i = 0; i < bucket.length; i++) {
        const entry = bucket[i]!;
        if (entry.length === length && entry.last === last) return entry.detectors;
      }
    }
    const literal = text.slice(start, end);
    return this.byLiteral.get(this.foldCase ? literal.toLowerCase() : literal)!;
  }
}

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
  const keywordConditions: (RunCondition | undefined)[] = [];
  const at: number[] = [];
  const atDottedDomain: number[] = [];
  const atColonBefore: number[] = [];
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
        keywordConditions[index] = trigger.followedByRun;
        break;
      case 'at':
        (trigger.requires === 'dotted-domain' ? atDottedDomain : trigger.requires === 'colon-before' ? atColonBefore : at).push(index);
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
    prefix: alternation([...prefixDetectors.keys()].filter((literal) => separatorOf(literal) === undefined), 'g'),
    prefixSeparators: separatorGroups(prefixDetectors.keys()),
    prefixDetectors: new LiteralTable(prefixDetectors, false),
    keyword: alternation(keywordDetectors.keys(), 'gi'),
    keywordDetectors: new LiteralTable(keywordDetectors, true),
    keywordConditions,
    at,
    atDottedDomain,
    atColonBefore,
    digits,
    lettersDigits,
    hexColon,
  };
}

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
  for (let i = 0; i < list.length; i++) visit(list[i]!, anchor);
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

/**
 * Every `@`, with the conditions of the `at` trigger (see types.ts) checked here: the next `.`
 * and the first `:` since the previous `@` only move forward, so each is found once per `@` run.
 */
function visitAt(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
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

/** Prefix literals sharing the separator (`_`, `-` or `.`) that comes first in them. */
export interface SeparatorGroup {
  readonly separator: string;
  /**
   * By the code unit before the separator (`p` for `ghp_`, below 128), the literals to try,
   * longest first; `offset` is the separator's index in the literal.
   */
  readonly byPrevious: readonly (readonly SeparatedLiteral[] | undefined)[];
  /** Literals starting with the separator (`-----BEGIN `), tried at every hit. */
  readonly leading: readonly SeparatedLiteral[] | undefined;
}

interface SeparatedLiteral {
  readonly literal: string;
  readonly offset: number;
  /** The code unit after the separator (-1 when the literal ends there): a cheap test before comparing the literal. */
  readonly next: number;
  /** How many separators the literal starts with (`-----BEGIN `: 5), for those that start with one. */
  readonly leadingRun: number;
}

/** `.` is not one: it ends every sentence, so a `.` sweep would cost more than it saves (`SG.` goes to the regex). */
const SEPARATORS = ['_', '-'];

/** The first separator in `literal` and its index, if any. */
function separatorOf(literal: string): (SeparatedLiteral & { separator: string }) | undefined {
  let first: { separator: string; offset: number } | undefined;
  for (const separator of SEPARATORS) {
    const offset = literal.indexOf(separator);
    if (offset >= 0 && (first === undefined || offset < first.offset)) first = { separator, offset };
  }
  if (first === undefined) return undefined;
  let leadingRun = 0;
  while (first.offset === 0 && literal[leadingRun] === first.separator) leadingRun++;
  const next = first.offset + 1 < literal.length ? literal.charCodeAt(first.offset + 1) : -1;
  return { ...first, literal, next, leadingRun };
}

function separatorGroups(literals: Iterable<string>): SeparatorGroup[] {
  const groups = new Map<string, Map<number, SeparatedLiteral[]>>();
  for (const literal of literals) {
    const found = separatorOf(literal);
    if (found === undefined) continue;
    let group = groups.get(found.separator);
    if (group === undefined) groups.set(found.separator, (group = new Map()));
    // -1: the literal starts with its separator. Non-ASCII before a separator: tried at every hit too.
    const code = found.offset === 0 ? -1 : literal.charCodeAt(found.offset - 1);
    const previous = code < 128 ? code : -1;
    group.set(previous, [...(group.get(previous) ?? []), { literal, offset: found.offset, next: found.next, leadingRun: found.leadingRun }].sort((x, y) => y.literal.length - x.literal.length));
  }
  return [...groups].map(([separator, byCode]) => {
    const byPrevious: (SeparatedLiteral[] | undefined)[] = new Array(128).fill(undefined);
    for (const [code, list] of byCode) if (code >= 0) byPrevious[code] = list;
    return { separator, byPrevious, leading: byCode.get(-1) };
  });
}

/**
 * Where a match of a prefix starting at `start` and ending at `end` lets the search resume: a
 * token prefix (`ghp_`, `AKIA`) skips the rest of its token, so `ghp_ghp_ghp_…` is one match
 * rather than thousands; `-----BEGIN ` skips itself.
 */
function resumeAfter(text: string, start: number, end: number): number {
  return isAlnum(text.charCodeAt(start)) ? tokenEnd(text, end) : end;
}

/**
 * A literal ending outside a token (`SG.`, `-----BEGIN `) repeated back to back is a match only at
 * its last repetition: no built-in token can start with its own prefix twice, and `SG.SG.SG.…`
 * must not cost a detector call per repetition. Returns the last repetition's start.
 */
function lastRepetition(text: string, start: number, end: number): number {
  const length = end - start;
  // A literal ending in a token character (`ghp_`) is repeated inside one token, skipped whole.
  if (tokenEnd(text, end - 1) !== end - 1) return start;
  let last = start;
  for (let next = end; next + length <= text.length; next += length) {
    for (let i = 0; i < length; i++) if (text.charCodeAt(next + i) !== text.charCodeAt(last + i)) return last;
    last = next;
  }
  return last;
}

/** The leftmost, then longest, literal of `candidates` whose separator sits at `at`, as `start`; -1 when none. */
function literalAt(text: string, at: number, candidates: readonly SeparatedLiteral[] | undefined, best: { start: number; end: number }): void {
  if (candidates === undefined) return;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const start = at - candidate.offset;
    if (start < 0 || (best.start !== -1 && start >= best.start)) continue;
    if (candidate.next !== -1 && text.charCodeAt(at + 1) !== candidate.next) continue;
    if (text.startsWith(candidate.literal, start)) {
      best.start = start;
      best.end = start + candidate.literal.length;
    }
  }
}

/**
 * The next `separator` at or after `from`: the first few characters by hand, then `indexOf`. A
 * call of `indexOf` costs more than reading a few characters, and separators often come close
 * together (`sk_sk_…`, a snake_case identifier); far apart, `indexOf` scans far faster.
 */
function nextSeparator(text: string, separator: string, code: number, from: number): number {
  const near = Math.min(text.length, from + 16);
  for (let i = from; i < near; i++) if (text.charCodeAt(i) === code) return i;
  return near < text.length ? text.indexOf(separator, near) : -1;
}

/**
 * The matches of one separator group, `[start, end, …]` in order: from each `indexOf` hit of the
 * separator, only the literals with the right character before it are tried.
 */
function separatorMatches(text: string, group: SeparatorGroup): number[] {
  const found: number[] = [];
  const best = { start: -1, end: -1 };
  const separator = group.separator.charCodeAt(0);
  let from = 0;
  for (let at = text.indexOf(group.separator); at >= 0; at = nextSeparator(text, group.separator, separator, from)) {
    // A run of the separator is handled at once: a literal with a letter before its separator can
    // sit only at the run's first one, and one starting with separators (`-----BEGIN `) only
    // where as many are left — so `-----…` costs one step per run, not one per character.
    let runEnd = at + 1;
    while (text.charCodeAt(runEnd) === separator) runEnd++;
    best.start = -1;
    const previous = at > 0 ? text.charCodeAt(at - 1) : 128;
    if (previous < 128) literalAt(text, at, group.byPrevious[previous], best);
    const leadingLiterals = group.leading ?? [];
    for (let i = 0; i < leadingLiterals.length; i++) {
      const leading = leadingLiterals[i]!;
      const start = runEnd - leading.leadingRun;
      if (start >= at && (best.start === -1 || start < best.start) && text.startsWith(leading.literal, start)) {
        best.start = start;
        best.end = start + leading.literal.length;
      }
    }
    if (best.start === -1) {
      from = runEnd;
      continue;
    }
    const start = lastRepetition(text, best.start, best.end);
    const end = start + best.end - best.start;
    found.push(start, end);
    from = resumeAfter(text, start, end);
  }
  return found;
}

/**
 * Prefix matches, each source's as `[start, end, start, end, …]` in order. Together they are what
 * one leftmost-longest regex over all the literals would match, without running such a regex:
 * its first characters (`g`, `s`, `x`, `e`, …) are so common that it cost more than any other
 * pass. Literals holding a `_`, `-` or `.` are found from their first separator with `indexOf`,
 * which V8 runs far faster than a regex; the rest (`AKIA`…, `AIza`, `eyJ`) by one small regex
 * whose start V8 can skip to. (Equivalent to the one regex as long as no literal can start
 * inside another one's match, which holds for the built-in prefixes.)
 */
function prefixMatches(text: string, plan: AnchorPlan): number[][] {
  const sources: number[][] = [];
  if (plan.prefix !== null) {
    const found: number[] = [];
    const re = plan.prefix;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = lastRepetition(text, m.index, re.lastIndex);
      const end = start + re.lastIndex - m.index;
      found.push(start, end);
      re.lastIndex = resumeAfter(text, start, end);
    }
    sources.push(found);
  }
  for (const group of plan.prefixSeparators) sources.push(separatorMatches(text, group));
  return sources.filter((found) => found.length > 0);
}

/** Merges the sources by start (the longest first at one start), skipping what a match's resume point covers. */
function visitPrefixes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const sources = prefixMatches(text, plan);
  let resume = 0;
  const visitMatch = (start: number, end: number): void => {
    if (start < resume) return;
    resume = resumeAfter(text, start, end);
    if (isAlnum(text.charCodeAt(start))) {
      // Token prefixes count at a token start only.
      const prev = start > 0 ? text.charCodeAt(start - 1) : 32;
      if (isAlnum(prev) || prev === 95 || prev === 45) return;
    }
    visitAll(plan.prefixDetectors.get(text, start, end), start, visit);
  };
  if (sources.length === 1) {
    // One source (a flood of one prefix, or a text with few): no merging needed.
    const found = sources[0]!;
    for (let i = 0; i < found.length; i += 2) visitMatch(found[i]!, found[i + 1]!);
    return;
  }
  const next = sources.map(() => 0);
  for (;;) {
    let source = -1;
    for (let s = 0; s < sources.length; s++) {
      const i = next[s]!;
      if (i >= sources[s]!.length) continue;
      if (source === -1) {
        source = s;
        continue;
      }
      const best = sources[source]!;
      const j = next[source]!;
      const candidate = sources[s]!;
      if (candidate[i]! < best[j]! || (candidate[i] === best[j] && candidate[i + 1]! > best[j + 1]!)) source = s;
    }
    if (source === -1) return;
    const found = sources[source]!;
    const start = found[next[source]!]!;
    const end = found[next[source]! + 1]!;
    next[source]! += 2;
    visitMatch(start, end);
  }
}

export function visitAnchors(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  if (plan.at.length > 0 || plan.atDottedDomain.length > 0 || plan.atColonBefore.length > 0) visitAt(text, plan, visit);
  if (plan.prefix !== null || plan.prefixSeparators.length > 0) visitPrefixes(text, plan, visit);
  if (plan.keyword !== null) visitKeywords(text, plan, plan.keyword, visit);
  if (plan.digits.length > 0 || plan.lettersDigits.length > 0 || plan.hexColon.length > 0) visitShapes(text, plan, visit);
}

function isBase64Code(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

/**
 * Finds, for increasing positions, the first run of at least `minLength` base64 characters that
 * starts at or after the position and no later than a limit. It reads forward only, up to the
 * limits asked (a window after each keyword), and skips like Boyer–Moore: when the character
 * `minLength - 1` ahead is not a key character, no run can start before it, so prose is read
 * about one character in forty.
 */
class RunLocator {
  /** No qualifying run starts before `readTo` except `found`; `readTo` is never inside a run that began earlier. */
  private readTo = 0;
  /** A run found at or after the last position asked, or -1. */
  private found = -1;

  constructor(readonly minLength: number) {}

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

function visitKeywords(text: string, plan: AnchorPlan, re: RegExp, visit: AnchorVisitor): void {
  // One locator per run length (in practice one), made on the first hit that needs it.
  let locator: RunLocator | undefined;
  let others: Map<number, RunLocator> | undefined;
  const locatorFor = (minLength: number): RunLocator => {
    if (locator === undefined) locator = new RunLocator(minLength);
    if (locator.minLength === minLength) return locator;
    others ??= new Map();
    let other = others.get(minLength);
    if (other === undefined) others.set(minLength, (other = new RunLocator(minLength)));
    return other;
  };
  const runFits = (condition: RunCondition, anchor: number): boolean =>
    locatorFor(condition.minLength).nextRunFrom(text, anchor, anchor + condition.within - condition.minLength) !== -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const anchor = m.index;
    const list = plan.keywordDetectors.get(text, anchor, re.lastIndex);
    for (let i = 0; i < list.length; i++) {
      const index = list[i]!;
      const condition = plan.keywordConditions[index];
      if (condition === undefined || runFits(condition, anchor)) visit(index, anchor);
    }
  }
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
function visitShapes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
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
