/**
 * Parser for the regular-expression subset custom detectors may use. Supported: literals,
 * escapes (`\d \D \w \W \s \S \b \B`, `\n \t \r \f \v \0`, `\xHH`, `\uHHHH`, escaped
 * metacharacters), classes `[...]`/`[^...]` with ranges, `.`, groups `(...)`, `(?:...)`,
 * `(?<name>...)`, alternation, `? * + {m} {m,} {m,n}` (greedy or lazy), anchors `^ $`.
 * Rejected with a message: backreferences, lookaround, atomic groups, Unicode property escapes,
 * repetition counts above {@link MAX_REPEAT}.
 */

/** A set of UTF-16 code units as sorted, inclusive ranges. */
export interface CharSet {
  readonly ranges: readonly (readonly [number, number])[];
  readonly negated: boolean;
}

export type RegexNode =
  | { readonly kind: 'set'; readonly set: CharSet }
  | { readonly kind: 'any' }
  | { readonly kind: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'alt'; readonly options: readonly RegexNode[] }
  | { readonly kind: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number; readonly greedy: boolean }
  | { readonly kind: 'assert'; readonly assertion: 'bol' | 'eol' | 'word' | 'notword' };

/** Largest `{m,n}` count: repetition is expanded into the program, so it is bounded. */
export const MAX_REPEAT = 1000;

export class RegexSyntaxError extends Error {}

const DIGIT: CharSet = { ranges: [[48, 57]], negated: false };
const WORD: CharSet = { ranges: [[48, 57], [65, 90], [95, 95], [97, 122]], negated: false };
const SPACE: CharSet = {
  ranges: [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]],
  negated: false,
};
const negate = (set: CharSet): CharSet => ({ ranges: set.ranges, negated: !set.negated });
const single = (code: number): CharSet => ({ ranges: [[code, code]], negated: false });

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 };

export function parseRegex(pattern: string): RegexNode {
  let pos = 0;
  const fail = (message: string): never => {
    throw new RegexSyntaxError(`${message} at position ${pos}`);
  };
  const peek = (): string | undefined => pattern[pos];

  function parseHex(length: number): number {
    const hex = pattern.slice(pos, pos + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) fail('invalid hex escape');
    pos += length;
    return parseInt(hex, 16);
  }

  /** After a backslash: a class escape (set) or a single code unit. */
  function parseEscape(inClass: boolean): CharSet | number {
    const ch = pattern[pos++];
    if (ch === undefined) return fail('pattern ends with a backslash');
    switch (ch) {
      case 'd': return DIGIT;
      case 'D': return negate(DIGIT);
      case 'w': return WORD;
      case 'W': return negate(WORD);
      case 's': return SPACE;
      case 'S': return negate(SPACE);
      case 'x': return parseHex(2);
      case 'u': return parseHex(4);
      case 'p': case 'P': return fail('Unicode property escapes (\\p) are not supported');
      case 'k': return fail('named backreferences are not supported (they cannot run in linear time)');
      case 'b': return inClass ? 8 : fail('internal: \\b handled by the caller');
      default:
        if (ch in CONTROL_ESCAPES && !(ch === '0' && /\d/.test(pattern[pos] ?? ''))) return CONTROL_ESCAPES[ch]!;
        if (/[1-9]/.test(ch)) return fail('backreferences are not supported (they cannot run in linear time)');
        if (/[A-Za-z0-9]/.test(ch)) return fail(`unknown escape \\${ch}`);
        return ch.charCodeAt(0);
    }
  }

  function parseClass(): CharSet {
    const negated = peek() === '^';
    if (negated) pos++;
    const ranges: [number, number][] = [];
    let first = true;
    while (peek() !== ']' || first) {
      first = false;
      if (pos >= pattern.length) fail('unterminated character class');
      let lo: CharSet | number;
      if (peek() === '\\') {
        pos++;
        lo = parseEscape(true);
      } else {
        lo = pattern.charCodeAt(pos++);
      }
      if (typeof lo !== 'number') {
        if (lo.negated) fail('negated class escapes (\\D, \\W, \\S) inside [...] are not supported');
        ranges.push(...lo.ranges.map(([a, b]) => [a, b] as [number, number]));
        continue;
      }
      if (peek() === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
        pos++;
        let hi: CharSet | number;
        if (peek() === '\\') {
          pos++;
          hi = parseEscape(true);
        } else {
          hi = pattern.charCodeAt(pos++);
        }
        if (typeof hi !== 'number') return fail('a class escape cannot end a range');
        if (hi < lo) fail('range out of order in character class');
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    pos++;
    return { ranges, negated };
  }

  function parseAtom(): RegexNode {
    const ch = pattern[pos++]!;
    switch (ch) {
      case '.': return { kind: 'any' };
      case '^': return { kind: 'assert', assertion: 'bol' };
      case '$': return { kind: 'assert', assertion: 'eol' };
      case '[': return { kind: 'set', set: parseClass() };
      case '(': {
        if (peek() === '?') {
          const kind = pattern.slice(pos, pos + 3);
          if (kind.startsWith('?:')) pos += 2;
          else if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) fail('lookaround is not supported (it cannot run in linear time)');
          else if (kind.startsWith('?<')) {
            const close = pattern.indexOf('>', pos);
            if (close < 0) fail('unterminated group name');
            pos = close + 1;
          } else if (kind.startsWith('?>')) fail('atomic groups are not supported');
          else fail('unsupported group syntax');
        }
        const inner = parseAlternation();
        if (peek() !== ')') fail('missing )');
        pos++;
        return inner;
      }
      case ')': return fail('unmatched )');
      case '*': case '+': case '?': return fail('nothing to repeat');
      case '\\': {
        if (peek() === 'b' || peek() === 'B') {
          const assertion = pattern[pos++] === 'b' ? 'word' : 'notword';
          return { kind: 'assert', assertion };
        }
        const escaped = parseEscape(false);
        return { kind: 'set', set: typeof escaped === 'number' ? single(escaped) : escaped };
      }
      default:
        return { kind: 'set', set: single(ch.charCodeAt(0)) };
    }
  }

  function parseQuantifier(atom: RegexNode): RegexNode {
    let min: number;
    let max: number;
    const ch = peek();
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(pattern.slice(pos));
      if (m === null) return atom; // a literal `{`, as JavaScript reads it without the `u` flag
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) fail('repetition {m,n} with n < m');
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) fail(`repetition count above ${MAX_REPEAT}`);
      pos += m[0].length - 1;
    } else return atom;
    pos++;
    if (atom.kind === 'assert') fail('nothing to repeat');
    let greedy = true;
    if (peek() === '?') {
      greedy = false;
      pos++;
    }
    if (peek() === '+') fail('possessive quantifiers are not supported');
    return { kind: 'repeat', node: atom, min, max, greedy };
  }

  function parseSequence(): RegexNode {
    const items: RegexNode[] = [];
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      let atom = parseAtom();
      atom = parseQuantifier(atom);
      if (/^[*+?{]/.test(peek() ?? '') && (peek() !== '{' || /^\{\d/.test(pattern.slice(pos)))) fail('nothing to repeat');
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  function parseAlternation(): RegexNode {
    const options = [parseSequence()];
    while (peek() === '|') {
      pos++;
      options.push(parseSequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  const tree = parseAlternation();
  if (pos < pattern.length) fail('unmatched )');
  return tree;
}
