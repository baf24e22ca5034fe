/**
 * Remainder modulo 97 of a long decimal string, computed piecewise so no precision is lost
 * (French NIR key).
 */
export function mod97(decimal: string): number {
  let remainder = 0;
  for (let i = 0; i < decimal.length; i += 7) {
    remainder = Number(String(remainder) + decimal.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/**
 * Remainder modulo 97 of `value[start, end)` read as ISO 13616 reads an IBAN: digits as they are,
 * capital letters as two digits (A = 10 … Z = 35). One character at a time, no string built:
 * this runs on every IBAN-shaped candidate. NaN when a character is neither.
 */
export function alphanumericMod97(value: string, start = 0, end = value.length, remainder = 0): number {
  let r = remainder;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) r = (r * 10 + code - 48) % 97;
    else if (code >= 65 && code <= 90) r = (r * 100 + code - 55) % 97;
    else return NaN;
  }
  return r;
}

/** ISO 13616 check: move the first four characters to the end, letters to 10..35, remainder 1. */
export function ibanChecksumValid(compactIban: string): boolean {
  return alphanumericMod97(compactIban, 0, 4, alphanumericMod97(compactIban, 4)) === 1;
}
