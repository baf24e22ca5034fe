import type { Detector, Span } from '../types';
import type { ScanContext } from '../context';
import { continuesGroupsBefore, digitRunLength, endsNumber } from './digit-groups';
import { digitsOf, stickyEnd } from '../text';
import { verhoeffValid } from '../validators/verhoeff';
import { maskDigits } from '../mask';
import { labelledAs } from '../tables/index';

const GROUPED = /[2-9]\d{3}([ -])\d{4}\1\d{4}/y;
const COMPACT = /[2-9]\d{11}/y;
/** A fourth group after the third: `3447 3377 8578 1234` is a longer number (a card) read in part. */
const FOURTH_GROUP = /[ -]\d{4}(?!\d)/y;

/** Twelve bare digits pass Verhoeff one time in ten: only accept them under an Aadhaar label or column. */
function findAadhaar(text: string, anchor: number, context: ScanContext): Span | null {
  const first = digitRunLength(text, anchor);
  if (first !== 4 && first !== 12) return null;
  let end = stickyEnd(GROUPED, text, anchor);
  if (end < 0) {
    end = stickyEnd(COMPACT, text, anchor);
    // The label is looked for last, and only for twelve digits with a valid check digit.
    if (end < 0 || !endsNumber(text, end, context) || !verhoeffValid(text.slice(anchor, end)) || !labelledAs(text, anchor, context, 'IN_AADHAAR')) return null;
  }
  if (!endsNumber(text, end, context) || stickyEnd(FOURTH_GROUP, text, end) >= 0 || (first === 4 && continuesGroupsBefore(text, anchor))) return null;
  return { start: anchor, end };
}

export const inAadhaar: Detector = {
  id: 'IN_AADHAAR',
  category: 'pii',
  description: 'Indian Aadhaar numbers: 12 digits, first 2–9, Verhoeff check digit; grouped 4-4-4, or bare under an Aadhaar label or column.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  priority: 55,
  find: findAadhaar,
  validate: (value) => verhoeffValid(digitsOf(value)),
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: ['Aadhaar: 3447 3377 8578', 'aadhaar no 344733778578', 'UID 3447-3377-8578', 'name,aadhaar_number\nAsha Rao,344733778578', '| name | Aadhaar |\n|---|---|\n| Asha Rao | 344733778578 |'],
    noMatch: ['3447 3377 8579', '1447 3377 8578', 'order 344733778578', '3447 3377 8578 1234', 'name,order_id\nAsha Rao,344733778578'],
  },
};
