/**
 * The prefilter finds each trigger from something rare (a key character, a word's last letters,
 * one shared run condition). A detector whose trigger breaks those assumptions would be silently
 * missed, so building the plan refuses it with a message naming it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from '../../../sdk/src/detect/prefilter/index';
import { BUILTIN_DETECTORS } from '../../../sdk/src/detect/detectors/index';
import type { Detector, Trigger } from '../../../sdk/src/detect/types';
import { SuffixFilter } from '../../../sdk/src/detect/prefilter/suffixes';

function detectorWith(id: string, trigger: Trigger): Detector {
  return { id, category: 'secret', description: '', trigger, confidence: 1, priority: 1, find: () => null, examples: { match: [], noMatch: [] } };
}

describe('anchor plan', () => {
  test('the built-in detectors make a plan', () => {
    assert.ok(buildPlan(BUILTIN_DETECTORS).prefixKeyGroups.length > 0);
  });

  test('a prefix with neither `_`, `-` nor a capital is refused', () => {
    assert.throws(() => buildPlan([detectorWith('LOWER', { kind: 'prefix', prefixes: ['abc.'] })]), /prefix "abc\.": needs a `_`, `-` or capital/);
    assert.throws(() => buildPlan([detectorWith('RUN', { kind: 'prefix', prefixes: ['---'] })]), /nothing after its leading "-"/);
  });

  test('an assignment word must be lower case and must not end in three hex digits', () => {
    assert.throws(() => buildPlan([detectorWith('HEX', { kind: 'assignment', lastWords: ['feed'] })]), /"feed".*hex digits/);
    assert.throws(() => buildPlan([detectorWith('CASE', { kind: 'assignment', lastWords: ['Token'] })]), /"Token"/);
  });

  test('keyword triggers share one run condition or none', () => {
    const run = { minLength: 40, within: 100 };
    assert.throws(
      () => buildPlan([detectorWith('A', { kind: 'keyword', keywords: ['aws'], followedByRun: run }), detectorWith('B', { kind: 'keyword', keywords: ['gcp'] })]),
      /keyword triggers of A, B/,
    );
    assert.deepEqual(buildPlan([detectorWith('A', { kind: 'keyword', keywords: ['aws'], followedByRun: run }), detectorWith('B', { kind: 'keyword', keywords: ['gcp'], followedByRun: { ...run } })]).keywordRun, run);
    assert.equal(buildPlan([detectorWith('B', { kind: 'keyword', keywords: ['gcp'] })]).keywordRun, null);
  });
});

describe('assignment suffix filter', () => {
  const filter = new SuffixFilter(['password', 'pass', 'token', 'key']);
  const endsAtLast = (text: string): boolean => filter.mayEndAt(text, text.length - 1);

  test('passes names ending with a word, in any case', () => {
    for (const name of ['password', 'DB_PASSWORD', 'pass', 'accessToken', 'TOKEN', 'api_key', 'monkey']) assert.equal(endsAtLast(name), true, name);
  });

  test('refuses names sharing only the last three letters of a word', () => {
    // `class` ends like `pass`, `ken` like `token`: a flood of `ken=` must not reach the detector.
    for (const name of ['class', 'ken', 'oken', 'word', 'id', 'pa', '']) assert.equal(endsAtLast(name), false, name);
  });
});
