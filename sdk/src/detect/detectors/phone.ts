import type { Detector, Span } from '../types';
import type { ScanContext } from '../context';
import { continuesGroupsBefore, digitRunLength, endsNumber, readDigitGroups } from './digit-groups';
import { codeAt, digitsOf, isAlnum } from '../text';
import { maskDigits } from '../mask';
import { labelledAs } from '../tables/index';

/**
 * National written formats, tested against the candidate text (never more than 24 characters):
 * the usual groupings of each plan we read, separators required, so a bare run of digits (an
 * order number, a timestamp) is not read as a phone number by its shape alone.
 */
const NATIONAL_FORMATS: readonly RegExp[] = [
  /^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}$/, // US/NANP: (415) 555-2671, 415.555.2671, 1-415-555-2671
  /^\(?0(?:1\d{2,3}|2\d|3\d{2}|7\d{3}|8\d{2})\)? ?\d{3} ?\d{3,4}$/, // UK: 020 7946 0958, 07700 900123, (0161) 496 0000
  /^\(?0[1-9]\d{1,4}\)?[ /-]\d{3,4}[ -]?\d{2,5}$/, // DE: 030 12345678, 0151/23456789, (089) 1234-5678
  /^0[1-9](?:[ .-]\d{2}){4}$/, // FR: 01 23 45 67 89, 06.12.34.56.78
  /^(?:0 ?)?[6-9]\d{4}[ -]\d{5}$/, // IN mobile: 98765 43210, 098765-43210
  /^(?=(?:\D*\d){10,11}\D*$)0\d{1,4}-\d{1,4}-\d{4}$|^0\d{1,4}\(\d{1,4}\)\d{4}$|^0[5789]0 \d{4} \d{4}$|^0120-\d{3}-\d{3}$/, // JP: 090-1234-5678, 03-1234-5678, 03(1234)5678
  /^1[3-9]\d[ -]\d{4}[ -]\d{4}$|^0\d{2,3}-\d{7,8}$/, // CN: 138 1234 5678, 010-12345678, 0755-1234567
  /^(?:0 ?)?\(?0?[2-5]\d{2}\)? \d{3} ?\d{2} ?\d{2}$/, // TR: 0532 123 45 67, 0 (532) 123 45 67, 0212 123 4567
  /^[6-9]\d{2} \d{3} \d{3}$|^[6-9]\d{2}(?: \d{2}){3}$|^[89]\d \d{3} \d{2} \d{2}$/, // ES: 612 345 678, 612 34 56 78, 91 123 45 67
];
/** The formats as one regex: a candidate is tested once per group count, not once per plan. */
const NATIONAL_FORMAT = new RegExp(NATIONAL_FORMATS.map((format) => `(?:${format.source})`).join('|'));
/** The most digits a national format above holds (a German number with its trunk 0). */
const MAX_NATIONAL = 13;

/**
 * Numbers written without separators that are phone numbers by their digits alone: mobile ranges
 * with their trunk 0 (UK 07…, TR 05…, JP 070/080/090, FR 06/07, DE 015–017, IN 06–09) and Chinese
 * mobiles (an allocated 13x–19x block and eight digits).
 */
const BARE_MOBILE = new RegExp(
  `^(?:${[
    '07[1-57-9]\\d{8}', // UK
    '05\\d{9}', // TR
    '0[5789]0\\d{8}', // JP
    '0[67]\\d{8}', // FR
    '015[1-25-79]\\d{8}|01(?:6[023]|7\\d)\\d{7,8}', // DE: 015x, 0160/2/3, 017x
    '0[6-9]\\d{9}', // IN
    '1(?:3\\d|4[5-9]|5[0-35-9]|6[2-7]|7[0-8]|8\\d|9\\d)\\d{8}', // CN: the allocated 13x–19x blocks
  ].join('|')})$`,
);
/** Any national number of the plans above without separators: a phone number only under a phone label or column. */
const BARE_NATIONAL = /^(?:1?[2-9]\d{2}[2-9]\d{6}|0[1-9]\d{7,11}|[6-9]\d{8,9})$/;

/** Digits after the country code, by country (E.164 national significant number lengths). */
const NATIONAL_LENGTH: Readonly<Record<string, readonly [number, number]>> = {
  '1': [10, 10],
  '44': [9, 10],
  '49': [6, 13],
  '33': [9, 9],
  '91': [10, 10],
  '81': [9, 10],
  '86': [10, 11],
  '90': [10, 10],
  '34': [9, 9],
};
const COUNTRY_CODES = Object.keys(NATIONAL_LENGTH).filter((cc) => cc !== '1');

function countryCodeOf(digits: string): string {
  if (digits.startsWith('1')) return '1';
  for (const cc of COUNTRY_CODES) if (digits.startsWith(cc)) return cc;
  return '';
}

/** E.164 after `+` or `00`: 8–15 digits, the national length of the plans we know. */
function validInternational(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15 || digits[0] === '0') return false;
  const cc = countryCodeOf(digits);
  const range = NATIONAL_LENGTH[cc];
  if (range === undefined) return digits.length >= 10;
  const national = digits.length - cc.length;
  // A NANP area code and exchange start with 2–9: +1 034… is no number.
  if (cc === '1' && (digits.charCodeAt(1) < 50 || digits.charCodeAt(4) < 50)) return false;
  return national >= range[0] && national <= range[1];
}

/**
 * Whether a number may start at the digit `anchor`: after `+` or `(`, with a trunk 0 (or the `00`
 * of an international call), a `1` before a NANP or Chinese mobile number, or a first group of the
 * widths national formats start with (an area code of 2 or 3 digits, India's 5-digit block), or
 * nine to eleven bare digits. This runs at every digit anchor, before anything is read.
 */
function mayStartPhone(lead: number, first: number, bracketed: boolean): boolean {
  if (bracketed || lead === 48) return true;
  if (lead === 49) return first === 1 || first === 3 || first === 11;
  return first === 2 || first === 3 || first === 5 || (first >= 9 && first <= 11);
}

function findPhone(text: string, anchor: number, context: ScanContext): Span | null {
  const before = codeAt(text, anchor - 1);
  const plus = before === 43;
  const paren = before === 40;
  const lead = text.charCodeAt(anchor);
  if (!mayStartPhone(lead, digitRunLength(text, anchor), plus || paren)) return null;
  const start = plus || paren ? anchor - 1 : anchor;
  if (start > 0 && (isAlnum(codeAt(text, start - 1)) || codeAt(text, start - 1) === 43 || continuesGroupsBefore(text, start))) return null;
  // `00` then a country code: an international number dialled from Europe (0049 30 …, 0086 138 …).
  // The country code follows the `00` directly: `00-20-09-98-19-36` is a MAC address.
  const international = plus || (lead === 48 && codeAt(text, anchor + 1) === 48 && codeAt(text, anchor + 2) !== 48 && digitRunLength(text, anchor) >= 3);
  const groups = readDigitGroups(text, anchor, ' .-/)(', 7, 17, 2);
  let digitCount = 0;
  for (const size of groups.sizes) digitCount += size;
  // Longest first: "call 415-555-2671 2 times" must still find the phone number.
  for (let count = groups.sizes.length; count >= 1; digitCount -= groups.sizes[--count]!) {
    const end = groups.ends[count - 1]!;
    if (count === groups.sizes.length && !endsNumber(text, end, context)) return null;
    if (digitCount < 7) return null;
    if (international) {
      // `+33 (0)3 …`: the trunk 0 printed in brackets is no part of the number dialled.
      const subscriber = digitsOf(text.slice(plus ? start : anchor + 2, end).replace('(0)', ''));
      if (validInternational(subscriber) && (count > 1 || subscriber.length >= 11)) return { start, end };
    } else if (count === 1 ? bareNational(text, start, text.slice(start, end), context) : digitCount <= MAX_NATIONAL && NATIONAL_FORMAT.test(text.slice(start, end))) {
      return { start, end };
    }
  }
  return null;
}

/** A number written without separators: a mobile by its digits, or any national number under a phone label or column. */
function bareNational(text: string, start: number, digits: string, context: ScanContext): boolean {
  return BARE_MOBILE.test(digits) || (BARE_NATIONAL.test(digits) && labelledAs(text, start, context, 'PHONE'));
}

/** Dates and times in number clothing (2024-03-12, 12.03.2024), and placeholders of one repeated digit. */
function plausiblePhone(value: string): boolean {
  return !/^(?:19|20)\d\d[-./](?:0[1-9]|1[0-2])[-./]/.test(value) && !/^\d\d[-./]\d\d[-./](?:19|20)\d\d/.test(value) && !/^\+?(\d)(?:\D*\1)+$/.test(value);
}

export const phone: Detector = {
  id: 'PHONE',
  category: 'pii',
  description:
    'Phone numbers: E.164 (+ or 00, country code, 8–15 digits) and the national formats of the US, UK, DE, FR, IN, JP, CN, TR and ES; bare digits only for mobile ranges or under a phone label or column.',
  trigger: { kind: 'digits' },
  confidence: 0.85,
  priority: 40,
  find: findPhone,
  validate: plausiblePhone,
  normalise: (value) => (value.startsWith('+') ? '+' : '') + digitsOf(value),
  mask: (value) => maskDigits(value, 2),
  examples: {
    match: [
      'call me on +1 415 555 2671',
      'Tel: (415) 555-2671',
      'US 1-415-555-2671',
      'UK office 020 7946 0958',
      'mobile 07700 900123',
      '+44 7700 900123',
      'Büro: 030 12345678',
      '+49 30 12345678',
      'Zentrale 0049 30 12345678',
      'tél. 01 23 45 67 89',
      '+33 6 12 34 56 78',
      '+91 98765 43210',
      'WhatsApp 98765 43210',
      '+14155552671',
      '携帯 090-1234-5678',
      '東京 03-1234-5678',
      '手机 13812345678',
      '电话 138 1234 5678',
      'Cep: 0532 123 45 67',
      'móvil 612 345 678',
      'phone: 4155552671',
      'name,phone\nAda Byrne,02079460958',
    ],
    noMatch: [
      '2024-03-12 14:32:01',
      'order #4155552671',
      'version 1.2.3.4',
      'Chrome/120.0.6099.109',
      'ts=1712345678',
      'invoice INV-2024-000123',
      '12.03.2024',
      'build 20240312.1',
      'pi is 3.14159265358979',
      'name,order_id\nAda Byrne,4155552671',
      'total 1,234,567',
    ],
  },
};
