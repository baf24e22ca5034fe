/** Token prefixes (`ghp_`, `AKIA`, `sk-`, `-----BEGIN `…): finding them and handing them to detectors. */
import { isAlnum, nextIndexOf } from '../text';
import { visitAll, type AnchorPlan, type AnchorVisitor } from './plan';

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

/**
 * Prefix literals sharing their key character: the character each is found from with `indexOf`,
 * a `_` or `-` when the literal has one (`ghp_`, `xoxb-`), else its first capital (`AKIA`,
 * `eyJ`, `SG.`). Those are rare in prose and code, and V8's `indexOf` finds a rare character
 * several times faster than a regex finds a literal whose first letter (`e`, `s`, `g`) is
 * everywhere.
 */
export interface SeparatorGroup {
  readonly separator: string;
  /**
   * By the code unit before the key character (`p` for `ghp_`, below 128), the literals to try,
   * longest first; `offset` is the key character's index in the literal.
   */
  readonly byPrevious: readonly (readonly SeparatedLiteral[] | undefined)[];
  /**
   * Literals starting with the key character (`-----BEGIN `, `AKIA`), by the code unit after
   * their leading run of it (`B`, `K`; 128 for none or non-ASCII): a hit of a key character
   * common in some text (`AbAb…`) then costs one lookup, not a comparison per literal.
   */
  readonly leadingByNext: readonly (readonly SeparatedLiteral[] | undefined)[];
}

interface SeparatedLiteral {
  readonly literal: string;
  readonly offset: number;
  /**
   * The code unit after the key character, or after the leading run of them for a literal that
   * starts with it (-1 when the literal ends there): a cheap test before comparing the literal.
   */
  readonly next: number;
  /** How many key characters the literal starts with (`-----BEGIN `: 5), for those that start with one. */
  readonly leadingRun: number;
}

/** `.` is not one: it ends every sentence, so a `.` sweep would cost more than it saves. */
const SEPARATORS = ['_', '-'];

/** The index of the literal's key character: its first separator, else its first capital, else -1. */
function keyOffset(literal: string): number {
  let first = -1;
  for (const separator of SEPARATORS) {
    const offset = literal.indexOf(separator);
    if (offset >= 0 && (first === -1 || offset < first)) first = offset;
  }
  return first !== -1 ? first : literal.search(/[A-Z]/);
}

/** The key character of `literal` and its index, if it has one. */
export function separatorOf(literal: string): (SeparatedLiteral & { separator: string }) | undefined {
  const offset = keyOffset(literal);
  if (offset === -1) return undefined;
  const separator = literal[offset]!;
  let leadingRun = 0;
  while (offset === 0 && literal[leadingRun] === separator) leadingRun++;
  const after = offset === 0 ? leadingRun : offset + 1;
  const next = after < literal.length ? literal.charCodeAt(after) : -1;
  return { separator, literal, offset, next, leadingRun };
}

export function separatorGroups(literals: Iterable<string>): SeparatorGroup[] {
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
    const leadingByNext: (SeparatedLiteral[] | undefined)[] = new Array(129).fill(undefined);
    for (const leading of byCode.get(-1) ?? []) {
      const next = leading.next >= 0 && leading.next < 128 ? leading.next : 128;
      (leadingByNext[next] ??= []).push(leading);
    }
    return { separator, byPrevious, leadingByNext };
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
    // The first character is a cheap test too: `yJyJ…` has the `y` before the `J` of `eyJ`, not the `e`.
    if (text.charCodeAt(start) === candidate.literal.charCodeAt(0) && text.startsWith(candidate.literal, start)) {
      best.start = start;
      best.end = start + candidate.literal.length;
    }
  }
}

/** The leftmost, then longest, of `candidates` (literals starting with the key character) ending their leading run at `runEnd`. */
function leadingAt(text: string, at: number, runEnd: number, candidates: readonly SeparatedLiteral[] | undefined, best: { start: number; end: number }): void {
  if (candidates === undefined) return;
  for (let i = 0; i < candidates.length; i++) {
    const leading = candidates[i]!;
    const start = runEnd - leading.leadingRun;
    if (start < at || (best.start !== -1 && start >= best.start)) continue;
    if (text.startsWith(leading.literal, start)) {
      best.start = start;
      best.end = start + leading.literal.length;
    }
  }
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
  let lastHit = -Infinity;
  let gap = Infinity;
  for (let at = text.indexOf(group.separator); at >= 0; at = nextIndexOf(text, group.separator, separator, from, gap)) {
    gap = at - lastHit;
    lastHit = at;
    // A run of the separator is handled at once: a literal with a letter before its separator can
    // sit only at the run's first one, and one starting with separators (`-----BEGIN `) only
    // where as many are left — so `-----…` costs one step per run, not one per character.
    let runEnd = at + 1;
    while (text.charCodeAt(runEnd) === separator) runEnd++;
    best.start = -1;
    const previous = at > 0 ? text.charCodeAt(at - 1) : 128;
    if (previous < 128) literalAt(text, at, group.byPrevious[previous], best);
    const next = text.charCodeAt(runEnd);
    if (next < 128) leadingAt(text, at, runEnd, group.leadingByNext[next], best);
    leadingAt(text, at, runEnd, group.leadingByNext[128], best);
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
 * pass. Each literal is found from its key character with `indexOf` (see SeparatorGroup); a
 * literal with neither a separator nor a capital would go to a small regex. (Equivalent to the
 * one regex as long as no literal can start inside another one's match, which holds for the
 * built-in prefixes.)
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
export function visitPrefixes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
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
