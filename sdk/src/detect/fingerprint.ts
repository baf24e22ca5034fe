/**
 * Keyed fingerprints: HMAC-SHA-256 over the normalised value, hex, first 32 characters. The same
 * value always gives the same fingerprint under one key, and the key makes a dictionary attack
 * on short values (phone numbers, SSNs) impossible without it.
 */
import { OutflowConfigError } from '../errors';
import { hmacSha256 } from './sha256';

const utf8 = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Hex characters kept from the 64-character HMAC (128 bits). */
export const FINGERPRINT_HEX_LENGTH = 32;

/**
 * The shortest key `createOutflow` accepts: 256 bits, the HMAC-SHA-256 block's security level. A
 * short key (a word, a team name) can be guessed, and with it every fingerprint of a short value
 * (a phone number, an SSN) can be reversed by trying them all.
 */
export const MIN_FINGERPRINT_KEY_BYTES = 32;

export function keyBytes(key: string | Uint8Array): Uint8Array {
  return typeof key === 'string' ? utf8.encode(key) : key;
}

/**
 * Refuses a key too short to keep fingerprints of short values from being reversed (`option`:
 * where the key came from, for the message); the message never quotes the key.
 */
export function checkFingerprintKey(key: unknown, option: string): void {
  if (typeof key !== 'string' && !(key instanceof Uint8Array)) throw new OutflowConfigError(`${option}: a string or a Uint8Array is required`);
  const length = keyBytes(key).byteLength;
  if (length < MIN_FINGERPRINT_KEY_BYTES) {
    throw new OutflowConfigError(`${option}: at least ${MIN_FINGERPRINT_KEY_BYTES} bytes are required, this key has ${length}; use 32 random bytes from your secret store (e.g. \`openssl rand -hex 32\`)`);
  }
}

/** HMAC-SHA-256 of `normalisedValue` under `key`, as 32 lower-case hex characters. */
export function fingerprint(normalisedValue: string, key: string | Uint8Array): string {
  return keyedFingerprint(key)(normalisedValue);
}

/**
 * A fingerprint function bound to one key, for a scanner that fingerprints many values: the
 * key's inner and outer pads are hashed once here, and each value then costs a clone and the
 * hash of the value alone. Same output as {@link fingerprint}.
 */
export function keyedFingerprint(key: string | Uint8Array): (normalisedValue: string) => string {
  const prepared = hmacSha256(keyBytes(key));
  return (normalisedValue) => toHex(prepared(utf8.encode(normalisedValue))).slice(0, FINGERPRINT_HEX_LENGTH);
}

/** Hex characters of a key id: 64 bits, enough to tell an organisation's keys apart. */
const KEY_ID_HEX_LENGTH = 16;

/**
 * A public name for a fingerprint key, carried by events as `fingerprintKeyId`, so a reviewer
 * knows which fingerprints compare (only those made under one key do). It is an HMAC under the
 * key of a fixed label, so it reveals nothing of the key and cannot be made without it.
 */
export function fingerprintKeyId(key: string | Uint8Array): string {
  return toHex(hmacSha256(keyBytes(key))(utf8.encode('outflow fingerprint key id'))).slice(0, KEY_ID_HEX_LENGTH);
}
