import type { Detector, Span } from '../types';
import { continuesNumber, digitRunLength } from './digit-groups';
import { isAlnum, stickyEnd } from '../text';
import { mod97 } from '../validators/mod97';
import { maskDigits } from '../mask';

/** Sex, year, month, department (2A/2B for Corsica), commune, order, key: spaced as printed or compact. */
const NIR = /[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}/y;

function findNir(text: string, anchor: number): Span | null {
  const lead = text.charCodeAt(anchor);
  const first = digitRunLength(text, anchor);
  if ((lead !== 49 && lead !== 50) || (first !== 1 && first !== 15)) return null;
  const end = stickyEnd(NIR, text, anchor);
  if (end < 0 || continuesNumber(text, end) || isAlnum(text.charCodeAt(end))) return null;
  return { start: anchor, end };
}

/** Key = 97 − (first 13 digits mod 97), Corsica's 2A/2B counted as 19/18. */
function validKey(value: string): boolean {
  const compact = value.replace(/ /g, '');
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97 - mod97(body) === Number(compact.slice(13));
}

export const frNir: Detector = {
  id: 'FR_NIR',
  category: 'pii',
  description: 'French social security numbers (NIR / numéro de sécurité sociale): 15 characters with the mod-97 key.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  priority: 55,
  find: findNir,
  validate: validKey,
  normalise: (value) => value.replace(/ /g, ''),
  mask: (value) => maskDigits(value, 2),
  examples: {
    match: ['NIR : 2 59 11 48 469 561 76', 'secu=152077402887410'],
    noMatch: ['2 59 11 48 469 561 77', '152077402887411', 'id 1520774028874101'],
  },
};
