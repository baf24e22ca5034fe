import type { Detector, Span } from '../types';
import { isAlnum } from '../text';
import { ibanChecksumValid } from '../validators/mod97';

/** IBAN length by country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** IBAN_LENGTHS indexed by the two capitals' codes, `(c1 - 65) * 26 + (c2 - 65)`: no substring per anchor. */
const LENGTH_BY_CODES = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) LENGTH_BY_CODES[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = length;

function countryLength(text: string, anchor: number): number {
  const c1 = text.charCodeAt(anchor) - 65;
  const c2 = text.charCodeAt(anchor + 1) - 65;
  return c1 >= 0 && c1 < 26 && c2 >= 0 && c2 < 26 ? LENGTH_BY_CODES[c1 * 26 + c2]! : 0;
}

/**
 * Reads exactly the country's length of letters and digits, allowing one space between
 * characters (print format groups by four), and requires the IBAN to end there. Character tests
 * are written out: this loop runs at every `AA12` anchor.
 */
function findIban(text: string, anchor: number): Span | null {
  const length = countryLength(text, anchor);
  if (length === 0) return null;
  let i = anchor;
  let count = 0;
  while (count < length && i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      count++;
      i++;
    } else if (c === 32 && count >= 4 && count % 4 === 0 && isAlnum(text.charCodeAt(i + 1))) {
      i++;
    } else {
      break;
    }
  }
  if (count !== length || isAlnum(text.charCodeAt(i))) return null;
  return { start: anchor, end: i };
}

const compact = (value: string): string => value.replace(/ /g, '').toUpperCase();

export const iban: Detector = {
  id: 'IBAN',
  category: 'financial',
  description: 'International bank account numbers: per-country length and ISO 13616 mod-97 check, compact or in groups of four.',
  trigger: { kind: 'letters-digits' },
  confidence: 0.97,
  priority: 60,
  find: findIban,
  validate: (value) => ibanChecksumValid(compact(value)),
  normalise: compact,
  mask: (value) => `${value.slice(0, 4)}${'•'.repeat(Math.min(value.length - 8, 56))}${value.slice(-4)}`,
  examples: {
    match: ['IBAN: DE27 2009 8606 5792 9686 81', 'pay to GB98NOEK28876967942578', 'NL07OMNE2441010189'],
    noMatch: ['GB82WEST12345698765432', 'DE89370400440532013000', 'DE27 2009 8606 5792 9686 82', 'BIC DEUTDEFF500', 'GB82 WEST 1234', 'XX12345678901234'],
  },
};
