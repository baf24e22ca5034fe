import type { Detector, Span } from '../types';
import { continuesNumber, digitRunLength, readDigitGroups } from './digit-groups';
import { digitsOf, isAlnum } from '../text';
import { luhnValid } from '../validators/luhn';
import { maskDigits } from '../mask';
import { textBefore } from './helpers';

/** Card brand by IIN prefix and allowed lengths; null when no brand issues this number. */
export function cardBrand(digits: string): string | null {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19 ? 'visa' : null;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? 'mastercard' : null;
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : null;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19 ? 'discover' : null;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19 ? 'jcb' : null;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19 ? 'diners' : null;
  if (p2 === 62) return n >= 16 && n <= 19 ? 'unionpay' : null;
  return null;
}

/** Group layouts printed on cards: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, or no separators. */
function plausibleLayout(sizes: readonly number[]): boolean {
  if (sizes.length === 1) return true;
  const layout = sizes.join('-');
  if (layout === '4-6-5' || layout === '4-6-4') return true;
  return sizes.every((size, i) => (i < sizes.length - 1 ? size === 4 : size >= 1 && size <= 4));
}

/** Tries the longest run of groups first, then shorter ones, so a trailing number is not swallowed. */
function findCard(text: string, anchor: number): Span | null {
  const lead = text.charCodeAt(anchor);
  const first = digitRunLength(text, anchor);
  // Every brand starts with 2–6, and a card is printed in groups of four or in one run.
  if (lead < 50 || lead > 54 || (first !== 4 && first < 13)) return null;
  const groups = readDigitGroups(text, anchor, ' -', 5, 19);
  for (let count = groups.sizes.length; count >= 1; count--) {
    const sizes = groups.sizes.slice(0, count);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total < 13 || total > 19) continue;
    const separators = new Set(groups.separators.slice(1, count));
    if (separators.size > 1 || !plausibleLayout(sizes)) continue;
    const end = groups.ends[count - 1]!;
    if (count === groups.sizes.length && (continuesNumber(text, end) || isAlnum(text.charCodeAt(end)))) return null;
    return { start: anchor, end };
  }
  return null;
}

function validCard(value: string, text: string, span: Span): boolean {
  const digits = digitsOf(value);
  if (/^(\d)\1+$/.test(digits) || cardBrand(digits) === null || !luhnValid(digits)) return false;
  // IMEIs are Luhn-valid 15-digit numbers; their label gives them away.
  return !/imei|serial|s\/n/.test(textBefore(text, span.start, 24));
}

export const creditCard: Detector = {
  id: 'CREDIT_CARD',
  category: 'financial',
  description: 'Payment card numbers: Luhn-valid, brand by IIN prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay); spaces, dashes or none.',
  trigger: { kind: 'digits' },
  confidence: 0.95,
  priority: 60,
  find: findCard,
  validate: validCard,
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: ['card 4965 4425 7217 5130 exp 04/27', 'Diners 3663-311931-6301', 'pay with 6505375795846750 please', '"card":"6011-9281-1125-7099"'],
    noMatch: [
      '4242 4242 4242 4242',
      '4111111111111111',
      'order 4965442572175131',
      'IMEI 490154203237518',
      'tracking 1Z999AA10123456784',
      '0000 0000 0000 0000',
      '49654425721751302',
    ],
  },
};
