import type { Detector, Span } from '../types';
import { continuesNumber, digitRunLength, readDigitGroups } from './digit-groups';
import { codeAt, digitsOf, isAlnum } from '../text';
import { maskDigits } from '../mask';

/**
 * Accepted shapes, tested against the candidate text (never more than 24 characters).
 * International: `+` country code and 8–15 digits in total (E.164), with per-country lengths
 * for the countries below. National: the usual written formats, separators required, so bare
 * digit runs (order numbers, timestamps) stay quiet.
 */
const NATIONAL_FORMATS: readonly RegExp[] = [
  /^\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}$/, // US/NANP: (415) 555-2671, 415-555-2671, 415.555.2671
  /^0(?:1\d{2,3}|2\d|3\d{2}|7\d{3}|8\d{2}) ?\d{3} ?\d{3,4}$/, // UK: 020 7946 0958, 07700 900123, 0161 496 0000
  /^0[1-9]\d{1,4}[ /-]\d{3,4} ?\d{2,5}$/, // DE: 030 12345678, 0151/23456789, 089 1234 5678
  /^0[1-9](?:[ .]\d{2}){4}$/, // FR: 01 23 45 67 89, 06.12.34.56.78
  /^[6-9]\d{4} \d{5}$/, // IN mobile: 98765 43210
];
/** Digits after the country code, by country (E.164 national significant number lengths). */
const NATIONAL_LENGTH: Readonly<Record<string, readonly [number, number]>> = {
  '1': [10, 10],
  '44': [9, 10],
  '49': [6, 13],
  '33': [9, 9],
  '91': [10, 10],
};

function countryCodeOf(digits: string): string {
  if (digits.startsWith('1')) return '1';
  for (const cc of ['44', '49', '33', '91']) if (digits.startsWith(cc)) return cc;
  return '';
}

function validInternational(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15 || digits[0] === '0') return false;
  const cc = countryCodeOf(digits);
  const range = NATIONAL_LENGTH[cc];
  if (range === undefined) return digits.length >= 10;
  const national = digits.length - cc.length;
  // Germany and the UK also write a trunk 0 after the country code: +44 (0)20 …
  return national >= range[0] && national <= range[1] + (cc === '44' || cc === '49' ? 1 : 0);
}

function findPhone(text: string, anchor: number): Span | null {
  const before = codeAt(text, anchor - 1);
  const plus = before === 43;
  const paren = before === 40;
  const first = digitRunLength(text, anchor);
  const lead = text.charCodeAt(anchor);
  // National formats start with a trunk 0, a 3-digit US area code or a 5-digit Indian mobile block.
  if (!plus && lead !== 48 && first !== 3 && !(first === 5 && lead >= 54)) return null;
  const start = plus || paren ? anchor - 1 : anchor;
  if (start > 0 && (isAlnum(codeAt(text, start - 1)) || codeAt(text, start - 1) === 43)) return null;
  const groups = readDigitGroups(text, anchor, ' .-/)(', 7, 15, 2);
  // Longest first: "call 415-555-2671 2 times" must still find the phone number.
  for (let count = groups.sizes.length; count >= 1; count--) {
    const end = groups.ends[count - 1]!;
    if (count === groups.sizes.length && (continuesNumber(text, end) || isAlnum(codeAt(text, end)))) return null;
    const candidate = text.slice(start, end);
    const digits = digitsOf(candidate);
    if (digits.length < 7) return null;
    if (plus ? validInternational(digits) && (count > 1 || digits.length >= 11) : NATIONAL_FORMATS.some((format) => format.test(candidate))) {
      return { start, end };
    }
  }
  return null;
}

/** Dates and times in number clothing: 2024-03-12, 12.03.2024. */
function notADate(value: string): boolean {
  return !/^(?:19|20)\d\d[-./](?:0[1-9]|1[0-2])[-./]/.test(value) && !/^\d\d[-./]\d\d[-./](?:19|20)\d\d/.test(value);
}

export const phone: Detector = {
  id: 'PHONE',
  category: 'pii',
  description: 'Phone numbers: E.164 (+ country code, 8–15 digits) and national formats for US, UK, DE, FR and IN.',
  trigger: { kind: 'digits' },
  confidence: 0.85,
  priority: 40,
  find: findPhone,
  validate: notADate,
  normalise: (value) => (value.startsWith('+') ? '+' : '') + digitsOf(value),
  mask: (value) => maskDigits(value, 2),
  examples: {
    match: ['call me on +1 415 555 2671', 'Tel: (415) 555-2671', 'UK office 020 7946 0958', 'mobile 07700 900123', '+44 7700 900123', 'Büro: 030 12345678', '+49 30 12345678', 'tél. 01 23 45 67 89', '+33 6 12 34 56 78', '+91 98765 43210', 'WhatsApp 98765 43210', '+14155552671'],
    noMatch: ['2024-03-12 14:32:01', 'order #4155552671', 'version 1.2.3.4', 'Chrome/120.0.6099.109', 'ts=1712345678', 'invoice INV-2024-000123', '12.03.2024', 'build 20240312.1', 'pi is 3.14159265358979'],
  },
};
