/**
 * Inputs built to make a backtracking pattern explode. Each must scan in well under the bound:
 * a catastrophic pattern would take minutes, a linear one takes milliseconds. The same set is
 * measured precisely by `npm run bench` (bench/scanner.bench.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../sdk/src/detect/index';
import { ADVERSARIAL_INPUTS } from '../../fixtures/corpus/adversarial';

/** Generous: about 40× the benchmark target, so only an algorithmic regression fails it. */
const BOUND_MS = 2000;
/**
 * On a saturated machine (tests run files in parallel) one scan can stall past the bound; the
 * scan then fails only when it is also this many times a bare `/\d/g` pass over the same text
 * measured beside it. The dearest linear input costs ~330× that pass; a quadratic one on 1 MB,
 * hundreds of thousands of times.
 */
const REFERENCE_RATIO = 5000;

/** The fastest of three bare `/\d/g` passes over `text`, in ms: what the machine gives right now. */
function referencePass(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const digits = /\d/g;
    while (digits.exec(text) !== null);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('adversarial 1 MB inputs', () => {
  const scanner = createScanner({
    customDetectors: [
      { kind: 'regex', id: 'nested', pattern: '(a+)+b|(a|aa)*c' },
      { kind: 'keywords', id: 'words', terms: ['a a a b', 'password'] },
    ],
  });
  for (const [name, make] of Object.entries(ADVERSARIAL_INPUTS)) {
    test(`${name} scans in under ${BOUND_MS} ms`, () => {
      const text = make();
      assert.ok(text.length >= 1_000_000);
      const started = performance.now();
      scanner.scan(text);
      const elapsed = performance.now() - started;
      if (elapsed < BOUND_MS) return;
      const reference = referencePass(text);
      assert.ok(elapsed < REFERENCE_RATIO * reference, `${name} took ${elapsed.toFixed(0)} ms, ${(elapsed / reference).toFixed(0)}× a bare /\\d/g pass (${reference.toFixed(2)} ms)`);
    });
  }
});
