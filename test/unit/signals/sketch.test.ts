/** The prompt sketch and the budget window, on their own: what is read, what is matched, where a use leaves. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READ_CHARS, sketchPrompt } from '../../../sdk/src/signals/sketch';
import { REASONING_PHRASES } from '../../../sdk/src/signals/phrases';
import { addUsage, emptyWindow, prune, totalOf, waitUntil, WINDOW_MS } from '../../../sdk/src/budgets/window';
import { estimateTokens } from '../../../sdk/src/budgets/tokens';

const SEED = 12345;
const filler = (n: number, word: string) => `${word} `.repeat(Math.ceil(n / (word.length + 1))).slice(0, n);

test('only the first and last 300 characters are read: whatever lies between changes nothing', () => {
  const head = filler(READ_CHARS, 'alpha');
  const tail = filler(READ_CHARS, 'omega');
  const a = sketchPrompt(`${head}${filler(50_000, 'step by step mitochondria')}${tail}`, [], SEED);
  const b = sketchPrompt(`${head}${filler(10, 'zeta')}${tail}`, [], SEED);
  assert.deepEqual(a, b);
  assert.equal(a.reasoning, false);
});

test('every phrase of the four families is found, in any case and with any punctuation between its words', () => {
  for (const [language, phrases] of Object.entries(REASONING_PHRASES)) {
    for (const phrase of phrases) {
      const shouted = phrase.toUpperCase().replaceAll(' ', ' - ');
      assert.ok(sketchPrompt(`Question about the quarterly numbers. ${shouted}, please.`, [], SEED).reasoning, `${language}: ${phrase}`);
    }
  }
  for (const text of ['Please take one step at a time.', 'A stepwise plan, by the book.', 'Schritt eins: die Zahlen.', 'Grade school maths.']) {
    assert.equal(sketchPrompt(text, [], SEED).reasoning, false, text);
  }
});

test('the skeleton: numbers, names and findings become their kind, so slots filled differently sketch alike', () => {
  const withEmail = (text: string, email: string) => sketchPrompt(text, [{ start: text.indexOf(email), end: text.indexOf(email) + email.length, type: 'EMAIL' }], SEED);
  const one = withEmail('Refund order 48213 for Jane Miller, contact jane@acme-corp.com, by Friday.', 'jane@acme-corp.com');
  const other = withEmail('Refund order 99 for Omar Haddad, contact omar.h@northwind.io, by Friday.', 'omar.h@northwind.io');
  assert.deepEqual(one.bins, other.bins);
  const different = sketchPrompt('Summarise the incident report for the weekly review meeting.', [], SEED);
  assert.notDeepEqual(one.bins, different.bins);
  // Keyed: another instance's seed gives other hashes for the same prompt.
  assert.notDeepEqual(sketchPrompt('Summarise the incident report for the weekly review meeting.', [], SEED + 1).bins, different.bins);
});

test('adversarial prompts of 1 MB: no word breaks, only punctuation, only surrogate pairs, one long number — read in bounded time', () => {
  for (const text of ['a'.repeat(1 << 20), '.,;:!?'.repeat(1 << 17), '😀'.repeat(1 << 19), '9'.repeat(1 << 20), 'É'.repeat(1 << 20)]) {
    const sketch = sketchPrompt(text, [], SEED);
    assert.equal(sketch.bins.length, 32);
    assert.ok(estimateTokens(text) > 0);
  }
});

test('a use leaves the window between the window\'s length and one bucket more after it was made, never earlier', () => {
  const window = emptyWindow(WINDOW_MS['1m']);
  const at = 1_000_500; // half-way through a one-second bucket
  addUsage(window, at, { calls: 1, tokens: 10, bytes: 100 });
  const fits = (remaining: { calls: number }) => remaining.calls + 1 <= 1;
  assert.equal(waitUntil(window, at, fits), 60_500);
  prune(window, at + 60_499);
  assert.equal(totalOf(window).calls, 1, 'still counted just before');
  prune(window, at + 60_500);
  assert.equal(totalOf(window).calls, 0);
  // A correction for an older call lands in its own bucket.
  const later = emptyWindow(WINDOW_MS['1h']);
  addUsage(later, 10 * 60_000, { calls: 1, tokens: 5, bytes: 0 });
  addUsage(later, 2 * 60_000, { calls: 0, tokens: 7, bytes: 0 });
  assert.deepEqual(later.buckets.map((b) => [b[0], b[2]]), [[2, 7], [10, 5]]);
});
