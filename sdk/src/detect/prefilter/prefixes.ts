/** Token prefixes (`ghp_`, `AKIA`, `sk-`, `-----BEGIN `…): finding them and handing them to detectors. */
import { codeAt, isAlnum, isTokenChar, nextIndexOf } from '../text';
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
 * a `_` or `-` when the literal has one (`ghp_`, `xoxb-`), else a rare capital (`eyJ`,
 * `FwoGZXIvYXdz`) or the first one (`AKIA`, `SG.`). Those are rare in prose and code, and V8's `indexOf` finds a rare character
 * several times faster than a regex finds a literal whose first letter (`e`, `s`, `g`) is
 * everywhere.
 */
export interface KeyGroup {
  readonly key: string;
  /** By the code unit before the key character (`p` for `ghp_`), the literals to try, longest first. */
  readonly byPrevious: readonly (readonly KeyedLiteral[] | undefined)[];
  /**
   * Literals starting with the key character (`-----BEGIN `, `AKIA`), by the code unit after
   * their leading run of it (`B`, `K`): a hit of a key character common in some text (`AbAb…`)
   * then costs one lookup, not a comparison per literal.
   */
  readonly leadingByNext: readonly (readonly KeyedLiteral[] | undefined)[];
}

interface KeyedLiteral {
  readonly literal: string;
  /** The key character's index in the literal. */
  readonly offset: number;
  /**
   * The code unit after the key character, or, for a literal starting with it, after its leading
   * run of it; -1 when the literal ends there. A cheap test before comparing the literal.
   */
  readonly next: number;
  /** How many key characters the literal starts with (`-----BEGIN `: 5, `AKIA`: 1, `ghp_`: 0). */
  readonly leadingRun: number;
}

/** `.` is not one: it ends every sentence, so a `.` sweep would cost more than it saves. */
const SEPARATORS = ['_', '-'];

/**
 * The index of the literal's key character: its first separator; else its first `J` or `Z`, the
 * rarest capitals in prose and code (`eyJ`, and base64 prefixes such as `IQoJb3Jp…` share the `J`
 * sweep); else its first capital; else -1.
 */
function keyOffset(literal: string): number {
  let first = -1;
  for (const separator of SEPARATORS) {
    const offset = literal.indexOf(separator);
    if (offset >= 0 && (first === -1 || offset < first)) first = offset;
  }
  if (first !== -1) return first;
  const rare = literal.search(/[JZ]/);
  return rare !== -1 ? rare : literal.search(/[A-Z]/);
}

function keyedLiteral(literal: string): KeyedLiteral & { key: string } {
  const offset = keyOffset(literal);
  // Every built-in prefix qualifies; a new one that does not must be found another way.
  if (offset === -1 || /[^\x20-\x7e]/.test(literal)) throw new Error(`prefix "${literal}": needs a \`_\`, \`-\` or capital to be found from, and printable ASCII only`);
  const key = literal[offset]!;
  let leadingRun = 0;
  while (offset === 0 && literal[leadingRun] === key) leadingRun++;
  const after = offset === 0 ? leadingRun : offset + 1;
  const next = after < literal.length ? literal.charCodeAt(after) : -1;
  if (offset === 0 && next === -1) throw new Error(`prefix "${literal}": nothing after its leading "${key}"`);
  return { key, literal, offset, next, leadingRun };
}

export function keyGroups(literals: Iterable<string>): KeyGroup[] {
  type Lists = (KeyedLiteral[] | undefined)[];
  const groups = new Map<string, { byPrevious: Lists; leadingByNext: Lists }>();
  for (const literal of literals) {
    const keyed = keyedLiteral(literal);
    let group = groups.get(keyed.key);
    // Filled arrays of 128, indexed by an ASCII code unit: lookups stay on V8's fast path.
    if (group === undefined) groups.set(keyed.key, (group = { byPrevious: new Array<undefined>(128).fill(undefined), leadingByNext: new Array<undefined>(128).fill(undefined) }));
    const list = keyed.offset === 0 ? (group.leadingByNext[keyed.next] ??= []) : (group.byPrevious[literal.charCodeAt(keyed.offset - 1)] ??= []);
    list.push(keyed);
    list.sort((x, y) => y.literal.length - x.literal.length);
  }
  return [...groups].map(([key, group]) => ({ key, ...group }));
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
  if (isTokenChar(text.charCodeAt(end - 1))) return start;
  let last = start;
  for (let next = end; next + length <= text.length; next += length) {
    for (let i = 0; i < length; i++) if (text.charCodeAt(next + i) !== text.charCodeAt(last + i)) return last;
    last = next;
  }
  return last;
}

/**
 * Records in `best` the leftmost, then longest, of `candidates` (literals with the key character
 * after their first character) whose key character sits at `at`.
 */
function literalAt(text: string, at: number, candidates: readonly KeyedLiteral[] | undefined, best: { start: number; end: number }): void {
  if (candidates === undefined) return;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const start = at - candidate.offset;
    if (start < 0 || (best.start !== -1 && start >= best.start)) continue;
    if (candidate.next !== -1 && codeAt(text, at + 1) !== candidate.next) continue;
    // The first character is a cheap test too: `yJyJ…` has the `y` before the `J` of `eyJ`, not the `e`.
    if (text.charCodeAt(start) === candidate.literal.charCodeAt(0) && text.startsWith(candidate.literal, start)) {
      best.start = start;
      best.end = start + candidate.literal.length;
    }
  }
}

/**
 * Records in `best` the leftmost, then longest, of `candidates` (literals starting with the key
 * character) whose leading run of it ends at `runEnd`.
 */
function leadingAt(text: string, at: number, runEnd: number, candidates: readonly KeyedLiteral[] | undefined, best: { start: number; end: number }): void {
  if (candidates === undefined) return;
  for (let i = 0; i < candidates.length; i++) {
    const leading = candidates[i]!;
    const start = runEnd - leading.leadingRun;
    if (start < at || (best.start !== -1 && start >= best.start)) continue;
    // The last character first: `AIAI…` has the `I` where `AIDA`, `AIPA` and `AIza` end otherwise.
    const end = start + leading.literal.length;
    if (text.charCodeAt(end - 1) === leading.literal.charCodeAt(leading.literal.length - 1) && text.startsWith(leading.literal, start)) {
      best.start = start;
      best.end = end;
    }
  }
}

/** Entries per match in a source: start, end and where the search resumes (see resumeAfter). */
const MATCH = 3;

/**
 * The matches of one key group, `[start, end, resume, …]` in order: from each `indexOf` hit of
 * the key character, only the literals with the right character before or after it are tried.
 */
function keyGroupMatches(text: string, group: KeyGroup): number[] {
  const found: number[] = [];
  const best = { start: -1, end: -1 };
  const key = group.key.charCodeAt(0);
  let from = 0;
  // Small integers rather than ±Infinity, which would make V8 keep them as doubles; the first gap is not small.
  let lastHit = -100;
  let gap = 100;
  for (let at = text.indexOf(group.key); at >= 0; at = nextIndexOf(text, group.key, from, gap)) {
    gap = at - lastHit;
    lastHit = at;
    // A run of the key character is handled at once: a literal with a letter before its key can
    // sit only at the run's first one, and one starting with the key (`-----BEGIN `) only where
    // as many are left, so `-----…` costs one step per run, not one per character.
    let runEnd = at + 1;
    while (runEnd < text.length && text.charCodeAt(runEnd) === key) runEnd++;
    best.start = -1;
    const previous = codeAt(text, at - 1);
    if (previous >= 0 && previous < 128) literalAt(text, at, group.byPrevious[previous], best);
    const next = codeAt(text, runEnd);
    if (next >= 0 && next < 128) leadingAt(text, at, runEnd, group.leadingByNext[next], best);
    if (best.start === -1) {
      from = runEnd;
      continue;
    }
    const start = lastRepetition(text, best.start, best.end);
    const end = start + best.end - best.start;
    from = resumeAfter(text, start, end);
    found.push(start, end, from);
  }
  return found;
}

/**
 * Prefix matches, one source per key group, each as `[start, end, resume, …]` in order.
 * Merged, they are what one leftmost-longest regex over all the literals would match, without
 * running such a regex: its first characters (`g`, `s`, `x`, `e`, …) are so common that it cost
 * more than any other pass. (Equivalent as long as no literal can start inside another one's
 * match, which holds for the built-in prefixes.)
 */
function prefixMatches(text: string, plan: AnchorPlan): number[][] {
  return plan.prefixKeyGroups.map((group) => keyGroupMatches(text, group)).filter((found) => found.length > 0);
}

/** Merges the sources by start (the longest first at one start), skipping what a match's resume point covers. */
export function visitPrefixes(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  const sources = prefixMatches(text, plan);
  let resume = 0;
  const visitMatch = (start: number, end: number, resumeAt: number): void => {
    if (start < resume) return;
    resume = resumeAt;
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
    for (let i = 0; i < found.length; i += MATCH) visitMatch(found[i]!, found[i + 1]!, found[i + 2]!);
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
    const i = next[source]!;
    next[source] = i + MATCH;
    visitMatch(found[i]!, found[i + 1]!, found[i + 2]!);
  }
}
