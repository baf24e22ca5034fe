/**
 * Remainder modulo 97 of a long decimal string, computed piecewise so no precision is lost
 * (IBAN check digits, French NIR key).
 */
export function mod97(decimal: string): number {
  let remainder = 0;
  for (let i = 0; i < decimal.length; i += 7) {
    remainder = Number(String(remainder) + decimal.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/** ISO 13616 check: move the first four characters to the end, letters to 10..35, remainder 1. */
export function ibanChecksumValid(compactIban: string): boolean {
  const rearranged = compactIban.slice(4) + compactIban.slice(0, 4);
  let decimal = '';
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) decimal += rearranged[i];
    else if (code >= 65 && code <= 90) decimal += String(code - 55);
    else return false;
  }
  return mod97(decimal) === 1;
}
