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

/**
 * The next `seq` of a session. A browser tab keeps its session across reloads, so the counter is
 * kept beside it in sessionStorage; otherwise it counts from 0 for the instance.
 */
export function sessionSequence(sessionId: string): () => number {
  const storage = webStorage('sessionStorage');
  const key = `outflow:seq:${sessionId}`;
  let next = 0;
  try {
    const stored = Number(storage?.getItem(key));
    if (Number.isSafeInteger(stored) && stored > 0) next = stored;
  } catch {
    // Unreadable storage: count from 0, as an instance-lived session would.
  }
  return () => {
    const seq = next++;
    try {
      storage?.setItem(key, String(next));
    } catch {
      // Storage full or denied: the in-memory counter stays right for this page.
    }
    return seq;
  };
}
