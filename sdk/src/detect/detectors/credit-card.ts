import type { Detector, Span } from '../types';
import type { ScanContext } from '../context';
import { continuesGroupsBefore, digitRunLength, endsNumber, readDigitGroups } from './digit-groups';
import { digitsOf } from '../text';
import { luhnValid } from '../validators/luhn';
import { maskDigits } from '../mask';
import { textBefore } from './helpers';
import { cardBrand } from './card-ranges';
import { labelledAs } from '../tables/index';

/** Layouts other than fours: Amex 4-6-5, Diners 4-6-4, UATP 4-5-6, thirteen digits 4-4-5. */
const OTHER_LAYOUTS = new Set(['4-6-5', '4-6-4', '4-5-6', '4-4-5']);

/** Group layouts printed on cards: 4-4-4-4(-3), the others above, or no separators. */
function plausibleLayout(sizes: readonly number[]): boolean {
  if (sizes.length === 1) return true;
  if (OTHER_LAYOUTS.has(sizes.join('-'))) return true;
  return sizes.every((size, i) => (i < sizes.length - 1 ? size === 4 : size >= 1 && size <= 4));
}

/** Tries the longest run of groups first, then shorter ones, so a trailing number is not swallowed. */
function findCard(text: string, anchor: number, context: ScanContext): Span | null {
  const lead = text.charCodeAt(anchor);
  const first = digitRunLength(text, anchor);
  // No network issues numbers starting with 0; a card is printed in groups of four or in one run.
  if (lead === 48 || (first !== 4 && first < 13)) return null;
  const groups = readDigitGroups(text, anchor, ' -', 5, 19);
  for (let count = groups.sizes.length; count >= 1; count--) {
    const sizes = groups.sizes.slice(0, count);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total < 13 || total > 19) continue;
    const separators = new Set(groups.separators.slice(1, count));
    if (separators.size > 1 || !plausibleLayout(sizes)) continue;
    const end = groups.ends[count - 1]!;
    if (count === groups.sizes.length && !endsNumber(text, end, context)) return null;
    return count > 1 && continuesGroupsBefore(text, anchor) ? null : { start: anchor, end };
  }
  return null;
}

/**
 * Luhn-valid and issued by a network (prefix and length), or, under a card label or in a card
 * column, any Luhn-valid number of 13–19 digits (a network this table does not list).
 */
function validCard(value: string, text: string, span: Span, context: ScanContext): boolean {
  const digits = digitsOf(value);
  if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) return false;
  // IMEIs are Luhn-valid 15-digit numbers; their label gives them away.
  if (/imei|serial|s\/n/.test(textBefore(text, span.start, 24))) return false;
  return cardBrand(digits) !== null || labelledAs(text, span.start, context, 'CREDIT_CARD');
}

export const creditCard: Detector = {
  id: 'CREDIT_CARD',
  category: 'financial',
  description:
    'Payment card numbers: Luhn-valid, issued by a network by IIN range and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Dankort, UATP, Mir, RuPay, Verve, Troy, …); spaces, dashes or none.',
  trigger: { kind: 'digits' },
  confidence: 0.95,
  priority: 60,
  find: findCard,
  validate: validCard,
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: [
      'card 4965 4425 7217 5130 exp 04/27',
      'Diners 3663-311931-6301',
      'pay with 6505375795846750 please',
      '"card":"6011-9281-1125-7099"',
      'Maestro 6759 6498 2643 8453',
      'Dankort 5019 7170 1010 3742',
      'UATP 122000000000003',
      'UnionPay 8171999927660000',
      '1042,Ada Byrne,536-22-8197,81.2.69.160,5425 2334 3010 9903,41.07,2024-03-01 09:12:44',
    ],
    noMatch: [
      '4242 4242 4242 4242',
      '4111111111111111',
      'order 4965442572175131',
      'IMEI 490154203237518',
      'tracking 1Z999AA10123456784',
      '0000 0000 0000 0000',
      '49654425721751302',
      '2721465526338453',
      '2220175103860763',
    ],
  },
};
