/** Literal sets as regexes (a trie) and the table from a matched literal to its detectors. */

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
export function alternation(literals: Iterable<string>, flags: string): RegExp | null {
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
