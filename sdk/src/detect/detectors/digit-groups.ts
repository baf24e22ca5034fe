/**
 * Reads a number written in groups (`4111 1111 1111 1111`, `123-45-6789`, `+44 20 7946 0958`):
 * digit runs joined by single separators. Used by the numeric detectors on their anchors.
 */

import type { ScanContext } from '../context';
import { codeAt, isAlnum, isDigit } from '../text';
import { delimitsCells } from '../tables/index';

export interface DigitGroups {
  /** Digit count of each group, in order. */
  readonly sizes: number[];
  /** End index (exclusive) of each group. */
  readonly ends: number[];
  /** Separator before each group after the first ('' when none). */
  readonly separators: string[];
}

/**
 * Groups from `start` (which must be a digit): at most `maxGroups` groups and `maxDigits`
 * digits, separators of up to `maxSeparator` characters from `allowed`. Stops before a separator not followed by a digit.
 */
export function readDigitGroups(text: string, start: number, allowed: string, maxGroups: number, maxDigits: number, maxSeparator = 1): DigitGroups {
  const sizes: number[] = [];
  const ends: number[] = [];
  const separators: string[] = [];
  let i = start;
  let digits = 0;
  let separator = '';
  while (sizes.length < maxGroups) {
    const groupStart = i;
    while (i < text.length && digits <= maxDigits) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
      digits++;
    }
    if (i === groupStart) break;
    sizes.push(i - groupStart);
    ends.push(i);
    separators.push(separator);
    if (digits > maxDigits) break;
    // A separator is one allowed character, or two for `) ` and `/ ` in phone numbers.
    let width = 0;
    while (width < maxSeparator && allowed.includes(text[i + width] ?? '\u0000')) width++;
    const after = codeAt(text, i + width);
    if (width === 0 || after < 48 || after > 57) break;
    separator = text.slice(i, i + width);
    i += width;
  }
  return { sizes, ends, separators };
}

/** Length of the digit run starting at `index` (capped at 20): the cheap first test of every numeric detector. */
export function digitRunLength(text: string, index: number): number {
  let i = index;
  const max = Math.min(text.length, index + 20);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i - index;
}

/**
 * True when the character at `index` continues a number: a digit, a `.` or `-` before a digit, or
 * a `,` grouping thousands (see {@link groupsThousands}) outside a table of two lines or more,
 * where every `,` delimits cells (`…,81.2.69.160,443` is an address, then a port).
 */
export function continuesNumber(text: string, index: number, context: ScanContext): boolean {
  const c = codeAt(text, index);
  if (isDigit(c)) return true;
  if (c === 46 || c === 45) return isDigit(codeAt(text, index + 1));
  return c === 44 && groupsThousands(text, index) && !delimitsCells(text, index, context);
}

/**
 * True when the value starting at `start` would be the tail of a longer grouped number: a group of
 * digits then a space, `-` or `.` right before it (`9400 7594 3620 2662 9256 68`, a parcel number,
 * holds a card-shaped and an Aadhaar-shaped run of groups that are neither). A token ending in
 * digits (`AB12 4965 …`) is no group of the number.
 */
export function continuesGroupsBefore(text: string, start: number): boolean {
  const c = codeAt(text, start - 1);
  if ((c !== 32 && c !== 45 && c !== 46) || !isDigit(codeAt(text, start - 2))) return false;
  let i = start - 2;
  while (i > 0 && isDigit(codeAt(text, i - 1)) && start - i < 8) i--;
  return !isAlnum(codeAt(text, i - 1));
}

/** True when a number may end at `index`: no letter, digit or number continuation follows. */
export function endsNumber(text: string, index: number, context: ScanContext): boolean {
  return !isAlnum(codeAt(text, index)) && !continuesNumber(text, index, context);
}

/**
 * Whether the `,` at `comma` can group thousands: one to three digits before it and exactly
 * three after it (`1,234,567`). After the four digits that end an SSN, a card or a phone number,
 * or before a cell of another width (`536-22-8197,81.2.69.160`), a comma is a delimiter.
 */
function groupsThousands(text: string, comma: number): boolean {
  if (!isDigit(codeAt(text, comma + 1)) || !isDigit(codeAt(text, comma + 2)) || !isDigit(codeAt(text, comma + 3)) || isDigit(codeAt(text, comma + 4))) return false;
  let before = 0;
  while (before < 4 && isDigit(codeAt(text, comma - 1 - before))) before++;
  return before >= 1 && before <= 3;
}
