/**
 * A Pike VM (Thompson NFA simulation with thread priorities): the regex is compiled to a small
 * program and all alternatives advance together, one input character at a time, so the time is
 * O(text length × program size) whatever the pattern. Leftmost-first semantics like JavaScript;
 * empty matches are not reported.
 */
import type { CharSet, RegexNode } from './regex-parse';
import type { Span } from '../types';

/** Upper bound on compiled instructions (repetition is expanded). */
export const MAX_PROGRAM = 20_000;
/**
 * Longest match reported. After a match the search resumes at its end; a higher-priority
 * thread that outlived the match can make the engine re-read at most this many characters,
 * which keeps the total work O(text × program × this bound) even for patterns like `a+b|a`.
 */
export const MAX_MATCH_LENGTH = 1024;

type Instruction =
  | { op: 'char'; test: (code: number) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; assertion: 'bol' | 'eol' | 'word' | 'notword' }
  | { op: 'match' };

export class ProgramTooLargeError extends Error {}

function inRanges(set: CharSet, code: number): boolean {
  for (const [lo, hi] of set.ranges) if (code >= lo && code <= hi) return true;
  return false;
}

function setTest(set: CharSet, ignoreCase: boolean): (code: number) => boolean {
  const base = (code: number): boolean => inRanges(set, code) !== set.negated;
  const folded = !ignoreCase ? base : (code: number): boolean => {
    if (base(code)) return true;
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    return (lower.length === 1 && base(lower.charCodeAt(0))) || (upper.length === 1 && base(upper.charCodeAt(0)));
  };
  // ASCII answers are precomputed: the VM calls this once per live thread per character.
  const ascii = new Uint8Array(128);
  for (let code = 0; code < 128; code++) ascii[code] = folded(code) ? 1 : 0;
  return (code) => (code < 128 ? ascii[code] === 1 : folded(code));
}

export function compileProgram(tree: RegexNode, ignoreCase: boolean): Instruction[] {
  const program: Instruction[] = [];
  const emit = (instruction: Instruction): number => {
    if (program.length >= MAX_PROGRAM) throw new ProgramTooLargeError(`pattern compiles to more than ${MAX_PROGRAM} instructions`);
    program.push(instruction);
    return program.length - 1;
  };
  const patchSplit = (at: number, x: number, y: number): void => {
    program[at] = { op: 'split', x, y };
  };
  function gen(node: RegexNode): void {
    switch (node.kind) {
      case 'set':
        emit({ op: 'char', test: setTest(node.set, ignoreCase) });
        return;
      case 'any':
        emit({ op: 'char', test: (c) => c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029 });
        return;
      case 'assert':
        emit({ op: 'assert', assertion: node.assertion });
        return;
      case 'seq':
        for (const item of node.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i < node.options.length - 1) {
            const split = emit({ op: 'jmp', x: -1 });
            gen(option);
            jumps.push(emit({ op: 'jmp', x: -1 }));
            patchSplit(split, split + 1, program.length);
          } else {
            gen(option);
          }
        });
        for (const j of jumps) program[j] = { op: 'jmp', x: program.length };
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) gen(node.node);
        if (node.max === Infinity) {
          const split = emit({ op: 'jmp', x: -1 });
          gen(node.node);
          emit({ op: 'jmp', x: split });
          const after = program.length;
          patchSplit(split, node.greedy ? split + 1 : after, node.greedy ? after : split + 1);
          return;
        }
        const splits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          splits.push(emit({ op: 'jmp', x: -1 }));
          gen(node.node);
        }
        const after = program.length;
        for (const split of splits) patchSplit(split, node.greedy ? split + 1 : after, node.greedy ? after : split + 1);
        return;
      }
    }
  }
  gen(tree);
  emit({ op: 'match' });
  return program;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Per-step thread list: parallel typed arrays, no allocation while running. */
class ThreadList {
  readonly pcs: Int32Array;
  readonly starts: Int32Array;
  count = 0;

  constructor(size: number) {
    this.pcs = new Int32Array(size);
    this.starts = new Int32Array(size);
  }
}

/** Runs the program over `text`, returning every non-empty, non-overlapping leftmost-first match. */
export function runProgram(program: readonly Instruction[], text: string, multiline: boolean): Span[] {
  const size = program.length;
  const seenAt = new Int32Array(size).fill(-1);
  let current = new ThreadList(size);
  let next = new ThreadList(size);
  const stack = new Int32Array(size * 2 + 2);
  const matches: Span[] = [];
  const length = text.length;

  const assertionHolds = (assertion: string, i: number): boolean => {
    const before = i > 0 ? text.charCodeAt(i - 1) : -1;
    const after = i < length ? text.charCodeAt(i) : -1;
    switch (assertion) {
      case 'bol': return i === 0 || (multiline && (before === 10 || before === 13));
      case 'eol': return i === length || (multiline && (after === 10 || after === 13));
      case 'word': return isWordCode(before) !== isWordCode(after);
      default: return isWordCode(before) === isWordCode(after);
    }
  };

  /** Follows jumps, splits and assertions from `pc0` in priority order, adding char/match states to `list`. */
  const addThread = (list: ThreadList, pc0: number, start: number, i: number, generation: number): void => {
    let top = 0;
    stack[top++] = pc0;
    while (top > 0) {
      const pc = stack[--top]!;
      if (seenAt[pc] === generation) continue;
      seenAt[pc] = generation;
      const ins = program[pc]!;
      if (ins.op === 'jmp') stack[top++] = ins.x;
      else if (ins.op === 'split') {
        stack[top++] = ins.y;
        stack[top++] = ins.x;
      } else if (ins.op === 'assert') {
        if (assertionHolds(ins.assertion, i)) stack[top++] = pc + 1;
      } else {
        list.pcs[list.count] = pc;
        list.starts[list.count] = start;
        list.count++;
      }
    }
  };

  let i = 0;
  let matchStart = -1;
  let matchEnd = -1;
  while (i <= length) {
    // Existing threads keep their priority; a new attempt starts only while nothing has matched.
    const seeded = next;
    seeded.count = 0;
    for (let t = 0; t < current.count; t++) addThread(seeded, current.pcs[t]!, current.starts[t]!, i, i);
    if (matchStart < 0) addThread(seeded, 0, i, i, i);
    const code = i < length ? text.charCodeAt(i) : -1;
    const advanced = current;
    advanced.count = 0;
    for (let t = 0; t < seeded.count; t++) {
      const pc = seeded.pcs[t]!;
      const start = seeded.starts[t]!;
      const ins = program[pc]!;
      if (ins.op === 'match') {
        if (i > start) {
          matchStart = start;
          matchEnd = i;
          break; // lower-priority threads are cut off
        }
      } else if (ins.op === 'char' && code >= 0 && i - start < MAX_MATCH_LENGTH && ins.test(code)) {
        advanced.pcs[advanced.count] = pc + 1;
        advanced.starts[advanced.count] = start;
        advanced.count++;
      }
    }
    current = advanced;
    next = seeded;
    if (current.count === 0 && matchStart >= 0) {
      matches.push({ start: matchStart, end: matchEnd });
      i = matchEnd;
      matchStart = -1;
      // Positions are revisited after a match; a fresh generation keeps `seenAt` honest.
      seenAt.fill(-1);
      continue;
    }
    i++;
  }
  return matches;
}
