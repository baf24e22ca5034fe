/**
 * Which card networks issue a number of this prefix and length: the IIN ranges of the public IIN
 * tables (ISO/IEC 7812 issuers as networks publish them), the more specific first. A number no
 * network issues is not reported as a card, however its Luhn digit falls.
 */
interface IinRange {
  readonly brand: string;
  /** Inclusive range of the number's first `digits` digits. */
  readonly from: number;
  readonly to: number;
  readonly digits: number;
  readonly lengths: readonly number[];
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];
const TWELVE_TO_NINETEEN = [12, 13, 14, 15, 16, 17, 18, 19];

const range = (brand: string, from: number, to: number, lengths: readonly number[]): IinRange => ({ brand, from, to, digits: String(from).length, lengths });

const IIN_RANGES: readonly IinRange[] = [
  range('uatp', 1, 1, [15]),
  range('mir', 2200, 2204, SIXTEEN_TO_NINETEEN),
  range('borica', 2205, 2205, [16]),
  range('mastercard', 2221, 2720, [16]),
  range('diners', 300, 305, [14, 15, 16, 17, 18, 19]),
  range('china-t-union', 31, 31, [19]),
  range('amex', 34, 34, [15]),
  range('amex', 37, 37, [15]),
  range('jcb', 3528, 3589, SIXTEEN_TO_NINETEEN),
  range('diners', 36, 36, [14, 15, 16, 17, 18, 19]),
  range('diners', 38, 39, [14, 15, 16, 17, 18, 19]),
  range('visa', 4, 4, [13, 16, 19]),
  // Maestro's own IINs, issued from 12 to 19 digits.
  range('maestro', 5018, 5018, TWELVE_TO_NINETEEN),
  range('dankort', 5019, 5019, [16]),
  range('maestro', 5020, 5020, TWELVE_TO_NINETEEN),
  range('maestro', 5038, 5038, TWELVE_TO_NINETEEN),
  range('maestro', 5893, 5893, TWELVE_TO_NINETEEN),
  range('maestro', 6304, 6304, TWELVE_TO_NINETEEN),
  range('maestro', 6759, 6759, TWELVE_TO_NINETEEN),
  range('maestro', 6761, 6763, TWELVE_TO_NINETEEN),
  range('verve', 506099, 506198, [16, 18, 19]),
  range('verve', 507865, 507964, [16, 18, 19]),
  range('maestro', 50, 50, SIXTEEN_TO_NINETEEN),
  range('mastercard', 51, 55, [16]),
  range('maestro', 56, 59, SIXTEEN_TO_NINETEEN),
  range('discover', 6011, 6011, SIXTEEN_TO_NINETEEN),
  range('unionpay', 62, 62, SIXTEEN_TO_NINETEEN),
  range('discover', 644, 649, SIXTEEN_TO_NINETEEN),
  range('discover', 65, 65, SIXTEEN_TO_NINETEEN),
  // Maestro elsewhere in 50 and 56–69 from 16 digits (shorter numbers there are more often
  // something else), RuPay (60, 65), InterPayment (636), InstaPayment (637–639), GPN, Elo, Troy (65).
  range('maestro', 6, 6, SIXTEEN_TO_NINETEEN),
  range('unionpay', 81, 81, SIXTEEN_TO_NINETEEN),
  range('rupay', 82, 82, [16]),
  range('uzcard', 8600, 8600, [16]),
  range('napas', 9704, 9704, [16, 19]),
  range('troy', 9792, 9792, [16]),
  range('humo', 9860, 9860, [16]),
];

/** The network issuing a card number of these digits (prefix and length), or null when none does. */
export function cardBrand(digits: string): string | null {
  for (const iin of IIN_RANGES) {
    const prefix = Number(digits.slice(0, iin.digits));
    if (prefix >= iin.from && prefix <= iin.to && iin.lengths.includes(digits.length)) return iin.brand;
  }
  return null;
}

/** The networks listed, for the docs. */
export const CARD_BRANDS: readonly string[] = [...new Set(IIN_RANGES.map((iin) => iin.brand))];
