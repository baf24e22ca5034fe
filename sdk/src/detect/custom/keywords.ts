/**
 * Keyword and dictionary detectors: whole words, multi-word terms, tens of thousands of terms.
 * Terms are split into words and stored in a trie keyed by word; the text is read word by word
 * once, each word costing one hash lookup per term still in progress (at most the longest
 * term's word count), so the scan is linear in the text whatever the dictionary size.
 */
import { OutflowConfigError } from '../../errors';
import type { Span } from '../types';

/** Letters, digits (any script) and `_` make words; anything else separates them. */
const WORD = /[\p{L}\p{N}_]+/gu;
/** Between the words of a multi-word term: spaces, tabs, line breaks or hyphens only. */
const JOINER = /^[\s-]{1,8}$/;

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  terminal: boolean;
}

const newNode = (): TrieNode => ({ next: new Map(), terminal: false });

export function compileKeywords(id: string, terms: readonly string[], caseSensitive: boolean): (text: string) => Span[] {
  const fold = caseSensitive ? (w: string) => w : (w: string) => w.toLowerCase();
  const root = newNode();
  terms.forEach((term, index) => {
    const words = term.match(WORD);
    if (words === null) throw new OutflowConfigError(`custom detector "${id}": terms[${index}] has no letters or digits`);
    let node = root;
    for (const word of words) {
      const key = fold(word);
      let child = node.next.get(key);
      if (child === undefined) {
        child = newNode();
        node.next.set(key, child);
      }
      node = child;
    }
    node.terminal = true;
  });

  return (text) => {
    const matches: Span[] = [];
    /** Terms in progress: the trie node reached and where the term started. */
    let active: { node: TrieNode; start: number }[] = [];
    let previousEnd = -1;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (active.length > 0 && !JOINER.test(text.slice(previousEnd, start))) active = [];
      const word = fold(m[0]);
      const next: { node: TrieNode; start: number }[] = [];
      for (const state of active) {
        const child = state.node.next.get(word);
        if (child !== undefined) next.push({ node: child, start: state.start });
      }
      const first = root.next.get(word);
      if (first !== undefined) next.push({ node: first, start });
      for (const state of next) if (state.node.terminal) matches.push({ start: state.start, end });
      active = next.filter((state) => state.node.next.size > 0);
      previousEnd = end;
    }
    return leftmostLongest(matches);
  };
}

/** Non-overlapping selection: earliest start first, the longest term at that start. */
function leftmostLongest(matches: Span[]): Span[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (last === undefined || match.start >= last.end) kept.push(match);
  }
  return kept;
}
