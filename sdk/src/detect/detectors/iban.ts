import type { Detector, Span } from '../types';
import { codeAt, isAlnum, isDigit, isLower, isUpper } from '../text';
import { ibanChecksumValid } from '../validators/mod97';
import { maskKeeping } from '../mask';
import { nationalCheckValid } from '../validators/iban-national';
import { BBAN_CLASSES } from './iban-formats';

export { IBAN_LENGTHS } from './iban-formats';

/** BBAN character classes indexed by the country code's letters, `(c1 - 65) * 26 + (c2 - 65)`: no substring per anchor. */
const CLASSES_BY_CODES: (string | undefined)[] = new Array<string | undefined>(26 * 26);
for (const [country, classes] of Object.entries(BBAN_CLASSES)) CLASSES_BY_CODES[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = classes;

/** A character that may sit between two characters of an IBAN: space (print format), `-` or `.`. */
function isSeparator(code: number): boolean {
  return code === 32 || code === 45 || code === 46;
}

/**
 * Reads an IBAN from its country code at `anchor`: the code (both letters of one case), an
 * optional space, two check digits, then exactly the country's BBAN, one character class per
 * position (the registry's `n` digit, `a` letter, `c` either). A single space, `-` or `.` may
 * sit between any two characters (`ES 58 0049 …`, `ES15-0049-…`, `NO 44 1850.05.14562`, groups
 * of any size), and the IBAN must end there. Letters of an `a` position have the case of the
 * country code; a `c` position takes either (the registry allows lower case there). Reading
 * stops at the first character that does not fit, so a run like `GB82 GB82 …` costs a few
 * characters per anchor.
 */
function findIban(text: string, anchor: number): Span | null {
  const first = text.charCodeAt(anchor);
  const second = codeAt(text, anchor + 1);
  const lower = isLower(first);
  if (lower ? !isLower(second) : !isUpper(second)) return null;
  const fold = lower ? 32 : 0;
  const classes = CLASSES_BY_CODES[(first - fold - 65) * 26 + (second - fold - 65)];
  if (classes === undefined) return null;
  let i = anchor + 2;
  if (codeAt(text, i) === 32) i++;
  if (!isDigit(codeAt(text, i)) || !isDigit(codeAt(text, i + 1))) return null;
  i += 2;
  for (let position = 0; position < classes.length; position++) {
    let c = codeAt(text, i);
    if (isSeparator(c)) c = codeAt(text, ++i);
    const kind = classes.charCodeAt(position);
    const fits = kind === 110 ? isDigit(c) : kind === 97 ? (lower ? isLower(c) : isUpper(c)) : isAlnum(c);
    if (!fits) return null;
    i++;
  }
  return isAlnum(codeAt(text, i)) ? null : { start: anchor, end: i };
}

/** The IBAN without separators, in capitals; by hand, as it runs on every IBAN-shaped candidate. */
function compact(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isSeparator(c)) out += String.fromCharCode(isLower(c) ? c - 32 : c);
  }
  return out;
}

/** Check digits 02–98 (the only ones ISO 13616 computes), mod 97, then the country's own check. */
function validIban(value: string): boolean {
  const iban = compact(value);
  const check = Number(iban.slice(2, 4));
  return check >= 2 && check <= 98 && ibanChecksumValid(iban) && nationalCheckValid(iban.slice(0, 2), iban.slice(4));
}

export const iban: Detector = {
  id: 'IBAN',
  category: 'financial',
  description:
    'International bank account numbers: the registry BBAN structure per country, the ISO 13616 mod-97 check and the national check digits where public; grouped by spaces, dashes or dots, upper or lower case.',
  trigger: { kind: 'letters-digits' },
  confidence: 0.97,
  priority: 60,
  find: findIban,
  validate: validIban,
  claimsInvalid: true,
  normalise: compact,
  // The country code and the last two characters: four in all, however the rule is read.
  mask: (value) => maskKeeping(value, 2, 2),
  examples: {
    match: [
      'IBAN: DE27 2009 8606 5792 9686 81',
      'pay to GB98NOEK28876967942578',
      'NL87RABO2441010182',
      'ES 58 0049 0290 3424 1352 8341',
      'ES15-0049-1806-9121-1186-9374',
      'ES10 0075 0080 11 0600658108',
      'NO 44 1850.05.14562',
      'iban de27200986065792968681',
      'MC11 1273 9000 7000 1111 1000 h79',
      'IR200170000000339545727003',
    ],
    noMatch: [
      'GB82WEST12345698765432',
      'DE89370400440532013000',
      'DE27 2009 8606 5792 9686 82',
      'BIC DEUTDEFF500',
      'GB82 WEST 1234',
      'XX12345678901234',
      // mod-97 right, national check wrong (Spain's CCC, Italy's CIN, the Dutch eleven test).
      'ES2121000418450200051331',
      'NL07OMNE2441010189',
      'IT40 S054 2811 1010 0000 0123 456',
      // Letters where the structure wants digits, a lower-case bank code in an upper-case IBAN.
      'BG93 BNBG 9661 1A20 3456 78',
      'GI75 aWBK 0000 0000 7099 453',
      'EE38 2200 2210  014 5686',
    ],
  },
};
