import type { Detector, Span } from '../types';
import type { ScanContext } from '../context';
import { digitRunLength, endsNumber } from './digit-groups';
import { codeAt, stickyEnd } from '../text';
import { mod97 } from '../validators/mod97';
import { maskDigits } from '../mask';

/** Sex, year, month, department (2A/2B for Corsica), commune, order, key: spaced as printed or compact. */
const NIR = /[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}/y;

/**
 * The first digit run of a NIR: the sex alone (spaced), all fifteen digits (compact), the
 * thirteen before a spaced key (as on the carte Vitale), or, for a Corsican compact NIR, the six
 * digits up to its department's `2` (`185052A…`).
 */
function nirLead(text: string, anchor: number): boolean {
  const first = digitRunLength(text, anchor);
  if (first === 1 || first === 13 || first === 15) return true;
  const after = codeAt(text, anchor + 6) | 0x20;
  return first === 6 && codeAt(text, anchor + 5) === 50 && (after === 97 || after === 98);
}

function findNir(text: string, anchor: number, context: ScanContext): Span | null {
  const lead = text.charCodeAt(anchor);
  if ((lead !== 49 && lead !== 50) || !nirLead(text, anchor)) return null;
  const end = stickyEnd(NIR, text, anchor);
  return end >= 0 && endsNumber(text, end, context) ? { start: anchor, end } : null;
}

const compact = (value: string): string => value.replace(/ /g, '').toUpperCase();

/** Key = 97 − (first 13 digits mod 97), Corsica's 2A/2B counted as 19/18. */
function validKey(value: string): boolean {
  const nir = compact(value);
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97 - mod97(body) === Number(nir.slice(13));
}

export const frNir: Detector = {
  id: 'FR_NIR',
  category: 'pii',
  description: 'French social security numbers (NIR / numéro de sécurité sociale): 15 characters with the mod-97 key, Corsican departments 2A/2B included.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  // Above CREDIT_CARD: fifteen digits from 1 may also pass Luhn as a UATP card one time in ten,
  // while the NIR's date, department and mod-97 key make it the more specific reading.
  priority: 62,
  find: findNir,
  validate: validKey,
  normalise: compact,
  mask: (value) => maskDigits(value, 2),
  examples: {
    match: ['NIR : 2 59 11 48 469 561 76', 'secu=152077402887410', 'NIR 1 85 05 2A 123 456 33', 'n° sécu 185052B12345660'],
    noMatch: ['2 59 11 48 469 561 77', '152077402887411', 'id 1520774028874101', '1 85 05 2A 123 456 34'],
  },
};
