/** Random identifiers: event ids, session ids and fingerprint keys. Web Crypto only, so browser-safe. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Random bytes drawn in blocks: one `getRandomValues` call serves about a hundred ids. */
const POOL_SIZE = 2048;
let pool: Uint8Array = new Uint8Array(0);
let poolOffset = 0;

/** A URL-safe random id (`[A-Za-z0-9_-]`), `length` characters of 6 random bits each. */
export function randomId(length = 21): string {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(Math.max(POOL_SIZE, length));
    poolOffset = 0;
  }
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[(pool[poolOffset + i] as number) & 63];
  poolOffset += length;
  return id;
}

export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
