/**
 * Defaults for the two identities an Outflow instance needs: its session id and its fingerprint
 * key. In a browser they persist where that makes them useful — the session per tab
 * (sessionStorage), the key per origin (localStorage) so a tab's fingerprints stay comparable
 * across reloads; elsewhere they live as long as the instance.
 */
import { randomBytes, randomId, toHex } from './ids';
import { webStorage } from './runtime';

const SESSION_KEY = 'outflow:sessionId';
const FINGERPRINT_KEY = 'outflow:fingerprintKey';

export function defaultSessionId(): string {
  return persisted('sessionStorage', SESSION_KEY, /^[A-Za-z0-9_.:-]{1,128}$/, () => randomId(21));
}

export function defaultFingerprintKey(): string {
  return persisted('localStorage', FINGERPRINT_KEY, /^[0-9a-f]{64}$/, () => toHex(randomBytes(32)));
}

function persisted(kind: 'localStorage' | 'sessionStorage', key: string, valid: RegExp, create: () => string): string {
  const storage = webStorage(kind);
  try {
    const existing = storage?.getItem(key);
    if (existing && valid.test(existing)) return existing;
    const value = create();
    storage?.setItem(key, value);
    return value;
  } catch {
    // Storage full or denied: an instance-lived value is still correct, only less persistent.
    return create();
  }
}
