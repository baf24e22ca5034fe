/** UTF-8 sequence rules shared by the percent-encoding and base64 readers. */

/** How many continuation bytes follow the lead byte `lead`, or -1 when it cannot start a sequence (a continuation byte, `C0`, `C1`, `F5`–`FF`). */
export function continuationsAfter(lead: number): number {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return -1;
}

/** The code point bits a lead byte carries. */
export function leadBits(lead: number, continuations: number): number {
  return continuations === 0 ? lead : lead & (0x3f >> continuations);
}

export function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** The smallest code point each count of continuation bytes may encode: anything less is an overlong form. */
const MIN_OF_LENGTH = [0, 0x80, 0x800, 0x10000];

/** True when a sequence with `continuations` continuation bytes decoded to a valid scalar value. */
export function isValidSequence(codePoint: number, continuations: number): boolean {
  return codePoint >= MIN_OF_LENGTH[continuations]! && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
}
