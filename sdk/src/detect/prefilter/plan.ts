/**
 * The anchor plan: which detectors each prefilter pass serves, built once per scanner, and how a
 * pass hands an anchor to them.
 */
import type { RunCondition } from '../types';
import type { LiteralTable } from './literals';
import type { KeyGroup } from './prefixes';
import type { SuffixFilter } from './suffixes';

export interface AnchorPlan {
  /** Prefixes, by the character each is found from (see prefixes.ts). */
  readonly prefixKeyGroups: readonly KeyGroup[];
  readonly prefixDetectors: LiteralTable;
  readonly keyword: RegExp | null;
  readonly keywordDetectors: LiteralTable;
  /** The `followedByRun` condition all keyword triggers share, or null when they have none. */
  readonly keywordRun: RunCondition | null;
  readonly assignment: readonly number[];
  /** The assignment triggers' words, which a name before an operator must end with (see suffixes.ts). */
  readonly assignmentSuffixes: SuffixFilter;
  readonly at: readonly number[];
  readonly atDottedDomain: readonly number[];
  readonly atColonBefore: readonly number[];
  readonly option: readonly number[];
  readonly digits: readonly number[];
  readonly lettersDigits: readonly number[];
  readonly hexColon: readonly number[];
}

/**
 * Called for each (detector, anchor) pair; anchors reach one detector in increasing order.
 * Returns the position before which that detector wants no further anchor in this scan (it has
 * read past them), or -1: a pass may use it to skip work (see operators.ts).
 */
export type AnchorVisitor = (detectorIndex: number, anchor: number) => number;

export function visitAll(list: readonly number[], anchor: number, visit: AnchorVisitor): void {
  for (let i = 0; i < list.length; i++) visit(list[i]!, anchor);
}
