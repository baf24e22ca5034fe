import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt, isAlnum } from '../text';
import { ibanChecksumValid } from '../validators/mod97';
import { maskKeeping } from '../mask';

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
  const c2 = codeAt(text, anchor + 1) - 65;
  return c1 >= 0 && c1 < 26 && c2 >= 0 && c2 < 26 ? LENGTH_BY_CODES[c1 * 26 + c2]! : 0;
}

/**
 * The characters an IBAN is read over, from one origin: upper-case letters and digits, with one
 * space allowed between groups of four (print format) when an alphanumeric follows it.
 * `groupStarts[j]` is the index of the path's character number `4(dropped + j)`.
 *
 * Any anchor sitting at a group start of the path reads exactly the path from there (its groups
 * of four line up with the path's), so a run like `GB82 GB82 GB82 …`, an anchor every five
 * characters, is read once instead of twenty-seven characters per anchor. Anchors reach a
 * detector in increasing order within one scan, so the path only ever grows or restarts.
 */
interface Path {
  /** Next index to read. */
  frontier: number;
  /** Characters read so far (spaces excluded). */
  count: number;
  /** The path cannot continue past `frontier`. */
  ended: boolean;
  /** Group starts from the `dropped`-th group of the path on; the earlier ones are behind every later anchor. */
  groupStarts: number[];
  dropped: number;
  /** First entry of `groupStarts` not before the last anchor. */
  next: number;
}

/** Group starts behind the anchors are dropped in batches, so a path through a megabyte of groups stays small. */
const DROP_BATCH = 256;

const PATH: ScanSlot<Path> = scanSlot(() => ({ frontier: -1, count: 0, ended: true, groupStarts: [], dropped: 0, next: 0 }));

/** Starts a new path at `anchor`: it is not at a group start of the current one. */
function restart(path: Path, anchor: number): void {
  path.frontier = anchor;
  path.count = 0;
  path.ended = false;
  path.groupStarts = [];
  path.dropped = 0;
  path.next = 0;
}

/**
 * Reads the path on until it holds `target` characters or cannot continue. The same rules as
 * reading from the anchor itself: a space counts as a separator only after a whole group.
 */
function extend(text: string, path: Path, target: number): void {
  let i = path.frontier;
  let count = path.count;
  while (count < target) {
    const c = codeAt(text, i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (count % 4 === 0) path.groupStarts.push(i);
      count++;
      i++;
    } else if (c === 32 && count >= 4 && count % 4 === 0 && isAlnum(codeAt(text, i + 1))) {
      i++;
    } else {
      path.ended = true;
      break;
    }
  }
  path.frontier = i;
  path.count = count;
}

/**
 * Exactly the country's length of characters along the path from the anchor, and the IBAN must
 * end there (no letter or digit right after).
 */
function findIban(text: string, anchor: number, context: ScanContext): Span | null {
  const length = countryLength(text, anchor);
  if (length === 0) return null;
  const path = context.get(PATH);
  const starts = path.groupStarts;
  while (path.next < starts.length && starts[path.next]! < anchor) path.next++;
  if (path.next >= DROP_BATCH) {
    starts.splice(0, path.next);
    path.dropped += path.next;
    path.next = 0;
  }
  if (path.next >= starts.length || starts[path.next] !== anchor) restart(path, anchor);
  // Characters of the path before the anchor.
  const before = (path.dropped + path.next) * 4;
  const target = before + length;
  if (path.count < target && !path.ended) extend(text, path, target);
  if (path.count < target) return null;
  // Index of the IBAN's last character: its group's start plus its place in the group.
  const last = path.groupStarts[((target - 1) >> 2) - path.dropped]! + ((target - 1) & 3);
  const end = last + 1;
  return isAlnum(codeAt(text, end)) ? null : { start: anchor, end };
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
  // The country code and the last two characters: four in all, however the rule is read.
  mask: (value) => maskKeeping(value, 2, 2),
  examples: {
    match: ['IBAN: DE27 2009 8606 5792 9686 81', 'pay to GB98NOEK28876967942578', 'NL07OMNE2441010189'],
    noMatch: ['GB82WEST12345698765432', 'DE89370400440532013000', 'DE27 2009 8606 5792 9686 82', 'BIC DEUTDEFF500', 'GB82 WEST 1234', 'XX12345678901234'],
  },
};
