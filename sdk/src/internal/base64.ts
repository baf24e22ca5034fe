/**
 * Base64 both ways, browser-safe (`atob`/`btoa` exist in browsers and Node ≥ 16), for payloads
 * inside JSON bodies: a text file sent as `data:text/plain;base64,…` is decoded to be scanned,
 * and encoded again when redaction rewrote it.
 */

/** Standard or URL-safe base64 (padding optional) → bytes; undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes → standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // fromCharCode takes its arguments on the stack: a chunk at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
