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
      assert.ok(elapsed < BOUND_MS, `${name} took ${elapsed.toFixed(0)} ms`);
    });
  }
});
