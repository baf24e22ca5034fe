/** The accuracy targets, on the generated labelled corpus (test/fixtures/corpus). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../sdk/src/detect/index';
import { generateCorpus } from '../../fixtures/corpus/generate';
import { measureAccuracy } from '../../fixtures/corpus/accuracy';

test('precision and recall ≥ 0.97 for every type; ≥ 99% of hard-negative documents clean', () => {
  const report = measureAccuracy(createScanner(), generateCorpus(2024, 1200));
  assert.ok(Object.keys(report.perType).length >= 20, 'the corpus plants most types');
  for (const [type, figures] of Object.entries(report.perType)) {
    assert.ok(figures.precision >= 0.97, `${type} precision ${figures.precision.toFixed(3)}`);
    assert.ok(figures.recall >= 0.97, `${type} recall ${figures.recall.toFixed(3)}`);
  }
  assert.ok(report.hardNegativeDocuments >= 250);
  assert.ok(report.hardNegativeCleanRate >= 0.99, `clean rate ${report.hardNegativeCleanRate}`);
});
