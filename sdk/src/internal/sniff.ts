/**
 * Is it text, whatever the label says? Bodies, uploaded files and base64 payloads are read as
 * text when their bytes are text: a `.env` file sent as `application/octet-stream`, JSON sent as
 * an image. Browser-safe (TextDecoder only).
 */

export type Sniffed =
  /** `invalid`: byte sequences that were not valid in the charset, read as U+FFFD (the rest is scanned). */
  | { kind: 'text'; text: string; invalid: number }
  | { kind: 'binary' }
  /** A charset the runtime cannot decode. */
  | { kind: 'unknown-charset' };

/** A NUL this early means binary, as `git` and `file` judge it. */
const NUL_WINDOW = 8192;
/** Above one invalid sequence in ten characters the bytes are not text with a few stray bytes, but binary. */
const MAX_INVALID_SHARE = 0.1;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

/** `charset`: the Content-Type's `charset` parameter, if any. A byte-order mark wins over it, as in browsers. */
export function sniffText(bytes: Uint8Array, charset?: string): Sniffed {
  let text: string;
  let invalid = 0;
  const bom = bomCharset(bytes);
  const label = bom ?? charset?.trim().toLowerCase();
  if (label !== undefined && label !== 'utf-8' && label !== 'utf8') {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      return { kind: 'unknown-charset' };
    }
    text = decoder.decode(bytes);
    invalid = countReplacements(text);
  } else {
    try {
      text = utf8Fatal.decode(bytes);
    } catch {
      text = utf8Lossy.decode(bytes);
      invalid = countReplacements(text);
    }
  }
  if (invalid > text.length * MAX_INVALID_SHARE || hasEarlyNul(text)) return { kind: 'binary' };
  return { kind: 'text', text, invalid };
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

function hasEarlyNul(text: string): boolean {
  const end = Math.min(text.length, NUL_WINDOW);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

/** The charset parameter of a Content-Type, if any (`text/plain; charset="ISO-8859-1"` → `ISO-8859-1`). */
export function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1];
}

/** Only objects and arrays: a body that is a bare JSON number or string is treated as text. */
export function parseJsonObject(text: string): unknown {
  if (!looksLikeJson(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the text starts like a JSON object or array (it may still fail to parse). */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}
