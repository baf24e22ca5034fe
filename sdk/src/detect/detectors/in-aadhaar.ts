import type { Detector, Span } from '../types';
import { continuesNumber, digitRunLength } from './digit-groups';
import { digitsOf, isAlnum, stickyEnd } from '../text';
import { verhoeffValid } from '../validators/verhoeff';
import { maskDigits } from '../mask';
import { textBefore } from './helpers';

const GROUPED = /[2-9]\d{3}([ -])\d{4}\1\d{4}/y;
const COMPACT = /[2-9]\d{11}/y;
/** Twelve bare digits pass Verhoeff one time in ten; only accept them next to a label. */
const LABEL = /aadhaar|aadhar|uidai|\buid\b|आधार/;

function findAadhaar(text: string, anchor: number): Span | null {
  const first = digitRunLength(text, anchor);
  if (first !== 4 && first !== 12) return null;
  let end = stickyEnd(GROUPED, text, anchor);
  if (end < 0) {
    end = stickyEnd(COMPACT, text, anchor);
    if (end < 0 || !LABEL.test(textBefore(text, anchor, 32))) return null;
  }
  if (continuesNumber(text, end) || isAlnum(text.charCodeAt(end)) || text.charCodeAt(end) === 32 && /^ \d{4}(?!\d)/.test(text.slice(end, end + 6))) return null;
  return { start: anchor, end };
}

export const inAadhaar: Detector = {
  id: 'IN_AADHAAR',
  category: 'pii',
  description: 'Indian Aadhaar numbers: 12 digits, first 2–9, Verhoeff check digit; grouped 4-4-4, or bare next to an Aadhaar label.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  priority: 55,
  find: findAadhaar,
  validate: (value) => verhoeffValid(digitsOf(value)),
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: ['Aadhaar: 3447 3377 8578', 'aadhaar no 344733778578'],
    noMatch: ['3447 3377 8579', '1447 3377 8578', 'order 344733778578', '3447 3377 8578 1234'],
  },
};
