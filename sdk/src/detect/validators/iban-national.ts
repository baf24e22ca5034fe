/**
 * National check digits inside a BBAN, for the countries whose algorithm is public and applies to
 * every account (bank-specific schemes such as Germany's or the UK's are not checked). An IBAN
 * whose mod-97 check passes but whose national check fails is a typo or an invention, not an
 * account. Each function takes the BBAN compact and upper-case, already of the right structure.
 *
 * Not checked: bank-specific schemes (Germany, the UK, Austria, Switzerland, Denmark, Sweden,
 * Iceland, …).
 */
import { luhnValid } from './luhn';
import { alphanumericMod97 } from './mod97';

function digit(value: string, i: number): number {
  return value.charCodeAt(i) - 48;
}

/** Σ digit × weight over `value[start …]`, weights cycling. */
function weightedSum(value: string, start: number, length: number, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += digit(value, start + i) * weights[i % weights.length]!;
  return sum;
}

/** Belgium: the last two digits are the first ten modulo 97 (97 for 0). */
function belgium(bban: string): boolean {
  return (Number(bban.slice(0, 10)) % 97 || 97) === Number(bban.slice(10));
}

/** A letter of a French account number as the RIB key reads it: A–I 1–9, J–R 1–9, S–Z 2–9. */
function ribDigit(code: number): number {
  if (code <= 57) return code - 48;
  const index = code - 65;
  return index < 9 ? index + 1 : index < 18 ? index - 8 : index - 16;
}

/** France and Monaco: the RIB key, 97 − (89 × bank + 15 × branch + 3 × account) mod 97. */
function rib(bban: string): boolean {
  let account = 0;
  for (let i = 10; i < 21; i++) account = account * 10 + ribDigit(bban.charCodeAt(i));
  const sum = 89 * Number(bban.slice(0, 5)) + 15 * Number(bban.slice(5, 10)) + 3 * account;
  return 97 - (sum % 97) === Number(bban.slice(21, 23));
}

const CCC_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];

function cccDigit(value: string, start: number): number {
  const rest = 11 - (weightedSum(value, start, 10, CCC_WEIGHTS) % 11);
  return rest === 11 ? 0 : rest === 10 ? 1 : rest;
}

/** Spain: the two CCC control digits, over `00` + bank + branch and over the account. */
function spain(bban: string): boolean {
  return cccDigit(`00${bban.slice(0, 8)}`, 0) === digit(bban, 8) && cccDigit(bban, 10) === digit(bban, 9);
}

/** Values of the characters in odd positions for Italy's CIN (A–Z; a digit counts as the letter of its value). */
const CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Italy and San Marino: the CIN letter over bank, branch and account. */
function cin(bban: string): boolean {
  let sum = 0;
  for (let i = 1; i < 23; i++) {
    const code = bban.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 65;
    sum += i % 2 === 1 ? CIN_ODD[value]! : value;
  }
  return bban.charCodeAt(0) - 65 === sum % 26;
}

/**
 * Portugal (NIB), Bosnia and Herzegovina, Montenegro, North Macedonia, Serbia, Slovenia and
 * Timor-Leste: the BBAN's last two digits make it ≡ 1 mod 97 (ISO 7064 MOD 97-10), which is why
 * these IBANs all carry the same check digits (PT50, RS35, SI56, …).
 */
function mod97Bban(bban: string): boolean {
  return alphanumericMod97(bban) === 1;
}

/** Tunisia and Mauritania: a RIB key, 97 − (account × 100 mod 97), so the BBAN is ≡ 0 mod 97 (TN59, MR13). */
function ribKey97(bban: string): boolean {
  return alphanumericMod97(bban) === 0;
}

const NORWAY_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Norway: MOD 11 over the first ten digits (a remainder needing a check of 10 is never issued). */
function norway(bban: string): boolean {
  const rest = weightedSum(bban, 0, 10, NORWAY_WEIGHTS) % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === digit(bban, 10);
}

const CZ_PREFIX_WEIGHTS = [10, 5, 8, 4, 2, 1];
const CZ_NUMBER_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];

/** Czechia and Slovakia: account prefix and number each divisible by 11 under their weights. */
function czechoslovak(bban: string): boolean {
  return weightedSum(bban, 4, 6, CZ_PREFIX_WEIGHTS) % 11 === 0 && weightedSum(bban, 10, 10, CZ_NUMBER_WEIGHTS) % 11 === 0;
}

const POLAND_WEIGHTS = [3, 9, 7, 1, 3, 9, 7];

/** Poland: the eighth digit of the bank sort code checks its first seven. */
function poland(bban: string): boolean {
  return (10 - (weightedSum(bban, 0, 7, POLAND_WEIGHTS) % 10)) % 10 === digit(bban, 7);
}

const WEIGHTS_9731 = [9, 7, 3, 1];

/** Hungary: bank and branch with their check digit, then the account with its own, each a multiple of 10 under 9-7-3-1. */
function hungary(bban: string): boolean {
  return weightedSum(bban, 0, 8, WEIGHTS_9731) % 10 === 0 && weightedSum(bban, 8, 16, WEIGHTS_9731) % 10 === 0;
}

/** Albania: bank and branch with their check digit, a multiple of 10 under 9-7-3-1. */
function albania(bban: string): boolean {
  return weightedSum(bban, 0, 8, WEIGHTS_9731) % 10 === 0;
}

/**
 * The Netherlands: the account passes the eleven test (Σ digit × (10 − position) ≡ 0 mod 11),
 * except ING's former Postbank accounts, numbers of at most seven digits that never had one.
 */
function netherlands(bban: string): boolean {
  if (bban.startsWith('INGB000')) return true;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digit(bban, 4 + i) * (10 - i);
  return sum % 11 === 0;
}

/** ISO 7064 MOD 11,10 over `value[start, start + length)`, its check digit last. */
function mod1110(value: string, start: number, length: number): boolean {
  let product = 10;
  for (let i = 0; i < length - 1; i++) product = (((product + digit(value, start + i)) % 10 || 10) * 2) % 11;
  return (11 - product) % 10 === digit(value, start + length - 1);
}

/** Croatia: ISO 7064 MOD 11,10 over the bank code and over the account. */
function croatia(bban: string): boolean {
  return mod1110(bban, 0, 7) && mod1110(bban, 7, 10);
}

const WEIGHTS_731 = [7, 3, 1];

/** Estonia: the account's last digit checks the others, weights 7-3-1 from the right. */
function estonia(bban: string): boolean {
  let sum = 0;
  for (let i = bban.length - 2, w = 0; i >= 2; i--, w++) sum += digit(bban, i) * WEIGHTS_731[w % 3]!;
  return (10 - (sum % 10)) % 10 === digit(bban, bban.length - 1);
}

/** Turkey: the digit after the bank code is reserved and always 0. */
function turkey(bban: string): boolean {
  return bban.charCodeAt(5) === 48;
}

const CHECKS: Readonly<Record<string, (bban: string) => boolean>> = {
  AL: albania, BA: mod97Bban, BE: belgium, CZ: czechoslovak, EE: estonia, ES: spain, FI: luhnValid, FR: rib, HR: croatia,
  HU: hungary, IT: cin, MC: rib, ME: mod97Bban, MK: mod97Bban, MR: ribKey97, NL: netherlands, NO: norway, PL: poland, PT: mod97Bban,
  RS: mod97Bban, SI: mod97Bban, SK: czechoslovak, SM: cin, TL: mod97Bban, TN: ribKey97, TR: turkey,
};

/** The countries whose national check is verified. */
export const NATIONAL_CHECK_COUNTRIES: readonly string[] = Object.keys(CHECKS);

/** Whether `bban` (compact, upper-case, of the country's structure) passes its country's national check; true where none is known. */
export function nationalCheckValid(country: string, bban: string): boolean {
  const check = CHECKS[country];
  return check === undefined || check(bban);
}
