import type { Detector, Span } from '../types';
import { alnumBounded, codeAt, isDigit, stickyEnd } from '../text';
import { textBefore } from './helpers';

/**
 * HMRC rules: first letter not D F I Q U V, second not D F I O Q U V, suffix A–D, in pairs or
 * compact; all capitals or, as typed into forms and chats, all lower case.
 */
const NINO = /[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]|[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d]/y;
/** Prefixes never issued. */
const INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** The anchor is `AB12` or `AB 12`: the next pair must start with a digit too, or no regex is worth running. */
function secondPairFollows(text: string, anchor: number): boolean {
  let i = anchor + (codeAt(text, anchor + 2) === 32 ? 5 : 4);
  if (codeAt(text, i) === 32) i++;
  return isDigit(codeAt(text, i));
}

function findNino(text: string, anchor: number): Span | null {
  if (!secondPairFollows(text, anchor)) return null;
  const end = stickyEnd(NINO, text, anchor);
  return end > 0 && alnumBounded(text, anchor, end) ? { start: anchor, end } : null;
}

const compact = (value: string): string => value.replace(/ /g, '').toUpperCase();

export const ukNino: Detector = {
  id: 'UK_NINO',
  category: 'pii',
  description: 'UK National Insurance numbers (AB 12 34 56 C, upper or lower case), with HMRC prefix and suffix rules.',
  trigger: { kind: 'letters-digits' },
  confidence: 0.9,
  priority: 55,
  find: findNino,
  validate: (value, text, span) => !INVALID_PREFIXES.has(value.slice(0, 2).toUpperCase()) && !/sku|part|model|ref/.test(textBefore(text, span.start, 12)),
  normalise: compact,
  examples: {
    match: ['NI number: JG 10 37 52 B', 'nino=PE482917A', 'my ni number is jg 10 37 52 b', 'nino: pe482917a'],
    noMatch: ['QQ 12 34 56 C', 'GB123456A', 'AB123456C', 'JG103752E', 'XJG103752B', 'gb123456a', 'Jg103752B', 'ab123456c'],
  },
};
