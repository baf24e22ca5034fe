/**
 * What a label says a value is: the words of a table header (`ssn`, `card_number`, `Teléfono`)
 * or of the text just before a value (`SSN:`). One vocabulary per type, in one place, used by the
 * detectors that need context for bare values (nine digits are an SSN only under an SSN label)
 * and by the scanner, which raises the confidence of a finding in a column named after its type.
 */

/** A header or nearby text, lower-cased, with `_`, `-`, `.` and camelCase humps turned into spaces. */
export function labelWords(raw: string): string {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_.\-]+/g, ' ');
}

/**
 * Label vocabularies by type, matched against {@link labelWords} of a header or against the
 * lower-cased text before a value. English plus the languages of the plans we read (de, fr, es,
 * it, pt, tr, hi, ja, zh).
 */
export const LABELS = {
  US_SSN: /\bssn|social\s*sec|soc\.?\s?sec|\bss#|\bss\s?no\b/,
  IN_AADHAAR: /aadh?aa?r|adhaar|uidai|\buid\b|आधार/,
  PHONE:
    /phone|mobile|\bcell|\btel\b|\btel\.|\bfax\b|msisdn|\bhandy\b|telefon|téléphone|teléfono|telefono|telefone|\bportable\b|\bm[oó]vil\b|celular|\bcep\b|\bgsm\b|電話|电话|手机|携帯|फ़ोन|फोन|मोबाइल/,
  CREDIT_CARD: /card|\bpan\b|\bcc\s?(?:num|no\b|number)|^cc$|kreditkarte|\bcarte\b|tarjeta|cart[aã]o/,
  IBAN: /\biban/,
  UK_NINO: /\bnino\b|\bni\s?(?:no|number)\b|national\s*insurance/,
  FR_NIR: /\bnir\b|\binsee\b|s[ée]curit[ée]\s*sociale|\bs[ée]cu\b/,
  EMAIL: /e\s?mail|courriel|correo/,
  IP_ADDRESS: /\bip\b|ip\s?addr|remote\s?addr|\bhost\b/,
  GENERIC_SECRET: /passw|\bpwd\b|passwort|contrase[ñn]a|mot\s*de\s*passe|secret|token|api\s?key|access\s?key|private\s?key|credential/,
} as const;

export type LabelledType = keyof typeof LABELS;

/** {@link labelWords} of the headers seen lately: a table asks about its few headers once per value. */
const HEADER_WORDS = new Map<string, string>();
const HEADER_WORDS_KEPT = 256;

/** Whether the header (raw, as written) names a column of `type` values. */
export function headerNames(header: string, type: string): boolean {
  const label = (LABELS as Record<string, RegExp>)[type];
  if (label === undefined) return false;
  let words = HEADER_WORDS.get(header);
  if (words === undefined) {
    if (HEADER_WORDS.size >= HEADER_WORDS_KEPT) HEADER_WORDS.clear();
    HEADER_WORDS.set(header, (words = labelWords(header)));
  }
  return label.test(words);
}

/** Whether `text[from, to)` holds a letter (ASCII, or any character past it): a label needs one. */
export function holdsLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c >= 97 && c <= 122) || c >= 128) return true;
  }
  return false;
}

/**
 * A header fit to be recorded as a finding's column: an identifier (a letter or `_` first, then
 * letters, digits, `_`, `-`, `.`, in any script), at most 64 characters and three digits. A header
 * with spaces, or a long or number-heavy one, may be a data row read as a header; such a column
 * is used for context but never recorded.
 */
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_.-]{0,63}$/u;

export function isIdentifierHeader(header: string): boolean {
  return IDENTIFIER.test(header) && fewDigits(header);
}

/**
 * A cell that reads as a column name: a letter first (any script), then letters, digits, spaces
 * and `_ - . # /`, at most 48 characters and three digits. A header row is made of such cells.
 */
const LABEL_CELL = /^[\p{L}_][\p{L}\p{N}\p{M} _.#/-]{0,47}$/u;

export function isLabelCell(cell: string): boolean {
  return LABEL_CELL.test(cell) && fewDigits(cell);
}

/** At most three digits: `address_line_2` is a name, `row_20240312` or a number is data. */
function fewDigits(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) digits++;
  return digits <= 3;
}
