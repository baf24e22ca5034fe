/**
 * Masked previews: enough shape for a reviewer to recognise what kind of value left, never
 * enough to recover it. Every preview is at most {@link MAX_PREVIEW} characters.
 */
export const MASK_CHAR = '•';
export const MAX_PREVIEW = 64;

/**
 * Keeps `keepStart` leading and `keepEnd` trailing characters and replaces the rest with
 * bullets, one per character, the middle shortened so the preview fits {@link MAX_PREVIEW}.
 * Nothing is kept when the value is too short for the kept ends to leave most of it hidden.
 */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (keepStart + keepEnd > value.length / 2) {
    keepStart = 0;
    keepEnd = 0;
  }
  const hidden = Math.min(value.length - keepStart - keepEnd, MAX_PREVIEW - keepStart - keepEnd);
  return value.slice(0, keepStart) + MASK_CHAR.repeat(Math.max(hidden, 1)) + value.slice(value.length - keepEnd);
}

/** Masks every digit but the last `keepLast`, leaving separators (`•••• •••• •••• 4242`). */
export function maskDigits(value: string, keepLast: number): string {
  let remaining = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) remaining++;
  let out = '';
  for (let i = 0; i < value.length && out.length < MAX_PREVIEW; i++) {
    const ch = value[i]!;
    const isDigit = ch >= '0' && ch <= '9';
    out += isDigit && remaining-- > keepLast ? MASK_CHAR : ch;
  }
  return out;
}

/** The default preview: a known prefix and the last four characters of long tokens, else bullets only. */
export function maskDefault(value: string): string {
  return maskMiddle(value, value.length >= 16 ? 4 : 0, value.length >= 16 ? 4 : 0);
}
