import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaceholderMap, redactText } from '../../../sdk/src/redact';

test('placeholders are numbered per type and stay consistent for the same value within a call', () => {
  const placeholders = new PlaceholderMap();
  const text = 'a@x.io, b@y.io, a@x.io';
  const spans = [
    { start: 0, end: 6, type: 'EMAIL' },
    { start: 8, end: 14, type: 'EMAIL' },
    { start: 16, end: 22, type: 'EMAIL' },
  ];
  assert.equal(redactText(text, spans, placeholders), '[EMAIL_1], [EMAIL_2], [EMAIL_1]');
  assert.equal(redactText('again a@x.io', [{ start: 6, end: 12, type: 'EMAIL' }], placeholders), 'again [EMAIL_1]');
  assert.equal(redactText('b@y.io', [{ start: 0, end: 6, type: 'EMAIL' }], new PlaceholderMap()), '[EMAIL_1]');
});

test('unsorted and overlapping spans: merged into their union, named after the first, nothing left in clear', () => {
  const spans = [
    { start: 10, end: 14, type: 'B' },
    { start: 0, end: 4, type: 'A' },
    { start: 2, end: 6, type: 'C' },
  ];
  assert.equal(redactText('abcdefghijklmnop', spans, new PlaceholderMap()), '[A_1]ghij[B_1]op');
  // A span inside another, and a chain of overlaps.
  assert.equal(redactText('0123456789', [{ start: 1, end: 8, type: 'X' }, { start: 2, end: 4, type: 'Y' }], new PlaceholderMap()), '0[X_1]89');
  assert.equal(redactText('0123456789', [{ start: 0, end: 3, type: 'X' }, { start: 2, end: 6, type: 'Y' }, { start: 5, end: 9, type: 'Z' }], new PlaceholderMap()), '[X_1]9');
});

test('spans of one normalised value share a placeholder however each was written', () => {
  const text = 'jane%40x.io, JANE@x.io, bob@x.io';
  const spans = [
    { start: 0, end: 11, type: 'EMAIL', value: 'jane@x.io' },
    { start: 13, end: 22, type: 'EMAIL', value: 'jane@x.io' },
    { start: 24, end: 32, type: 'EMAIL', value: 'bob@x.io' },
  ];
  assert.equal(redactText(text, spans, new PlaceholderMap()), '[EMAIL_1], [EMAIL_1], [EMAIL_2]');
});
