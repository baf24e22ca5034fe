import type { Detector, Span } from '../types';
import type { ScanContext } from '../context';
import { continuesGroupsBefore, digitRunLength, endsNumber } from './digit-groups';
import { digitsOf, stickyEnd } from '../text';
import { maskDigits } from '../mask';
import { labelledAs } from '../tables/index';

/** AAA-GG-SSSS, the separator (`-`, space or `.`) the same twice. */
const SEPARATED = /\d{3}([- .])\d{2}\1\d{4}/y;
const COMPACT = /\d{9}/y;

/** Nine bare digits are an SSN only when labelled as one, before them or by their table column. */
function findSsn(text: string, anchor: number, context: ScanContext): Span | null {
  const first = digitRunLength(text, anchor);
  if (first !== 3 && first !== 9) return null;
  let end = stickyEnd(SEPARATED, text, anchor);
  if (end >= 0 && continuesGroupsBefore(text, anchor)) return null;
  if (end < 0) {
    end = stickyEnd(COMPACT, text, anchor);
    // The label is looked for last, and only for nine digits the SSA could have issued.
    if (end < 0 || !endsNumber(text, end, context) || !validSsn(text.slice(anchor, end)) || !labelledAs(text, anchor, context, 'US_SSN')) return null;
  }
  return endsNumber(text, end, context) ? { start: anchor, end } : null;
}

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
function validSsn(value: string): boolean {
  const digits = digitsOf(value);
  const area = Number(digits.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export const usSsn: Detector = {
  id: 'US_SSN',
  category: 'pii',
  description: 'US Social Security numbers (AAA-GG-SSSS, spaced or dotted; nine bare digits only under an SSN label or column); invalid area/group/serial rejected.',
  trigger: { kind: 'digits' },
  confidence: 0.9,
  priority: 55,
  find: findSsn,
  validate: validSsn,
  normalise: digitsOf,
  mask: (value) => maskDigits(value, 4),
  examples: {
    match: [
      'SSN: 536-22-8197',
      'her social security number is 412 71 6634',
      'ssn=536228197',
      'SSN 536.22.8197',
      '"social_security_number": "536228197"',
      'id,name,ssn\n1042,Ada Byrne,536228197',
      "INSERT INTO people (id, name, ssn) VALUES (1042, 'Ada Byrne', '536228197');",
      '1042,Ada Byrne,536-22-8197,81.2.69.160',
    ],
    noMatch: ['000-12-3456', '666-22-8197', '912-22-8197', '536-00-8197', '536-22-0000', '078-05-1120', 'order 536228197', '536-22-81970', 'id,name,order\n1042,Ada Byrne,536228197', '536.22.8197.4'],
  },
};
