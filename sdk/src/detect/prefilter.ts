/**
 * The prefilter: a handful of cheap passes over the text (`indexOf` and simple global regexes
 * that V8 runs natively) locating the anchors detectors care about. Most of a prompt is never
 * looked at by any detector; each detector runs only at its own anchors, on a bounded window.
 */
import type { Detector } from './types';
import { isAlnum, isDigit, isHex, isTokenChar } from './text';

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

/** One alternation, longest literal first so `sk-ant-` is not reported as `sk-`. */
function alternation(literals: Iterable<string>, flags: string): RegExp | null {
  const sorted = [...literals].sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? null : new RegExp(sorted.map(escapeRegex).join('|'), flags);
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
const DIGIT_SPAN = /\d[\d .()/-]{6,}/g;
const LETTERS_DIGITS = /[A-Z]{2} ?\d\d/g;
const HEX_COLON = /:[0-9A-Fa-f]{0,4}:/g;

function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  return i;
}

/** `1 1 …`: a one-digit group followed by another one-digit group starts no supported number. */
function singleDigitPair(text: string, index: number): boolean {
  return !isDigit(text.charCodeAt(index + 1)) && isDigit(text.charCodeAt(index + 2)) && !isDigit(text.charCodeAt(index + 3));
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
      visitAll(plan.keywordDetectors.get(m[0].toLowerCase())!, m.index, visit);
    }
  }
  if (plan.digits.length > 0) {
    DIGIT_SPAN.lastIndex = 0;
    for (let m = DIGIT_SPAN.exec(text); m !== null; m = DIGIT_SPAN.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      let digitCount = 0;
      for (let i = start; i < end && digitCount < 4; i++) if (isDigit(text.charCodeAt(i))) digitCount++;
      if (digitCount < 4) continue;
      if (digitGroupMayStart(text, start) && !singleDigitPair(text, start)) visitAll(plan.digits, start, visit);
      for (let i = start + 1; i < end; i++) {
        const prev = text.charCodeAt(i - 1);
        // Inside a span, a new number starts after a space or a bracket, not after `.`, `-` or `/`.
        if (isDigit(text.charCodeAt(i)) && (prev === 32 || prev === 40 || prev === 41) && !singleDigitPair(text, i)) visitAll(plan.digits, i, visit);
      }
    }
  }
  if (plan.lettersDigits.length > 0) {
    LETTERS_DIGITS.lastIndex = 0;
    for (let m = LETTERS_DIGITS.exec(text); m !== null; m = LETTERS_DIGITS.exec(text)) {
      if (m.index === 0 || !isAlnum(text.charCodeAt(m.index - 1))) visitAll(plan.lettersDigits, m.index, visit);
      LETTERS_DIGITS.lastIndex = m.index + 1;
    }
  }
  if (plan.hexColon.length > 0) {
    HEX_COLON.lastIndex = 0;
    for (let m = HEX_COLON.exec(text); m !== null; m = HEX_COLON.exec(text)) {
      visitAll(plan.hexColon, m.index, visit);
      // One anchor per run of hex digits and colons: the detector reads the whole run itself.
      let i = m.index + m[0].length;
      while (i < text.length && (isHex(text.charCodeAt(i)) || text.charCodeAt(i) === 58)) i++;
      HEX_COLON.lastIndex = i;
    }
  }
}
