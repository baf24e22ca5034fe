/**
 * "Where did this value go?": the fingerprints a value would have in events, computed where the
 * value is typed (the CLI, the extension's dashboard) so it is never sent anywhere to be compared.
 * A value is fingerprinted in its detector's normalised form (`4539-1488…` and `4539 1488…`
 * alike), so it is scanned first; a value no detector recognises (an organisation's own term, a
 * password without context) is fingerprinted as typed, trimmed.
 */
import { keyedFingerprint } from './fingerprint';
import type { Scanner } from './scanner';

export interface ValueFingerprint {
  /** The type the value was read as, or `AS_TYPED` when no detector recognised it. */
  type: string;
  fingerprint: string;
}

export function valueFingerprints(value: string, key: string | Uint8Array, scanner: Pick<Scanner, 'scanWithValues'>): ValueFingerprint[] {
  const fingerprintOf = keyedFingerprint(key);
  const text = value.trim();
  const { findings, values } = scanner.scanWithValues(text);
  const out: ValueFingerprint[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < findings.length; i++) {
    const fingerprint = fingerprintOf(values[i]!);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    out.push({ type: findings[i]!.type, fingerprint });
  }
  if (out.length === 0 && text.length > 0) out.push({ type: 'AS_TYPED', fingerprint: fingerprintOf(text) });
  return out;
}
