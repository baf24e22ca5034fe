import type { Detector, Span } from '../types';
import { continuesNumber, digitRunLength } from './digit-groups';
import { digitsOf, isAlnum, stickyEnd } from '../text';
import { maskDigits } from '../mask';
import { textBefore } from './helpers';

const SEPARATED = /\d{3}([- ])\d{2}\1\d{4}/y;
const COMPACT = /\d{9}/y;
/** Nine bare digits are an SSN only when labelled as one. */
const LABEL = /ssn|social security|ss#|soc\.? ?sec/;

function findSsn(text: string, anchor: number): Span | null {
  const first = digitRunLength(text, anchor);
  if (first !== 3 && first !== 9) return null;
  let end = stickyEnd(SEPARATED, text, anchor);
  if (end < 0) {
    end = stickyEnd(COMPACT, text, anchor);
    if (end < 0 || !LABEL.test(textBefore(text, anchor, 32))) return null;
  }
  if (continuesNumber(text, end) || isAlnum(text.charCodeAt(end))) return null;
  return { start: anchor, end };
}

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
function validSsn(value: string): boolean {
  const digits = digitsOf(value);
  const area = Number(digits.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export const usSsn: Detector = {
  id: 'US_SSN',
  category: 'pii',
  description: 'US Social Security numbers (AAA-GG-SSSS or spaced; nine bare digits only next to an SSN label); invalid area/group/serial rejected.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  priority: 55,
  find: findSsn,
  validate: validSsn,
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: ['SSN: 536-22-8197', 'her social security number is 412 71 6634', 'ssn=536228197'],
    noMatch: ['000-12-3456', '666-22-8197', '912-22-8197', '536-00-8197', '536-22-0000', '078-05-1120', 'order 536228197', '536-22-81970'],
  },
};
