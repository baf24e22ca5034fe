/**
 * Every built-in detector's own examples, run through the public `scan`, plus the meta-test
 * that each detector has positive and negative examples (see docs/detectors.md).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_DETECTORS, scan } from '../../../sdk/src/detect/index';

describe('detector examples', () => {
  test('every detector has must-match and must-not-match examples', () => {
    for (const detector of BUILTIN_DETECTORS) {
      assert.ok(detector.examples.match.length > 0, `${detector.id} (${detector.description}) has no match examples`);
      assert.ok(detector.examples.noMatch.length > 0, `${detector.id} (${detector.description}) has no noMatch examples`);
    }
  });

  for (const detector of BUILTIN_DETECTORS) {
    test(`${detector.id}: ${detector.description.slice(0, 60)}`, () => {
      for (const example of detector.examples.match) {
        const types = scan(example).map((f) => f.type);
        assert.ok(types.includes(detector.id), `${detector.id} should match ${JSON.stringify(example)}; got [${types.join(', ')}]`);
      }
      for (const example of detector.examples.noMatch) {
        const types = scan(example).map((f) => f.type);
        assert.ok(!types.includes(detector.id), `${detector.id} should not match ${JSON.stringify(example)}`);
      }
    });
  }
});
