/**
 * The official clients (openai, @anthropic-ai/sdk) retry a fetch that throws, and to them a block
 * is a fetch that threw. Their retries carry `x-stainless-retry-count`: a retry of a call that was
 * just blocked is the same call, so it is refused again under the first attempt's event rather
 * than recorded as another call. What is remembered is a signature of what was found (types,
 * fields, counts, keyed fingerprints), what could not be scanned, and where it was going — never
 * the body — with a way to make the first attempt's error again.
 */
import type { UnscannedPart } from '../coverage';
import type { OutflowBlockedError } from '../errors';
import type { Destination, Finding } from '../schema';

const RETRY_HEADER = 'x-stainless-retry-count';
const WINDOW_MS = 60_000;
const MAX_REMEMBERED = 64;

export function blockSignature(method: string, destination: Destination, bytes: number, findings: readonly Finding[], unscanned: readonly UnscannedPart[]): string {
  const found = findings.map((f) => `${f.type}@${f.field}×${f.count}:${f.samples.map((s) => s.fingerprint ?? s.preview).join(',')}`);
  const gaps = unscanned.map((part) => `${part.where}:${part.reason}:${part.bytes}`);
  return `${method} ${destination.host}${destination.path} ${bytes} ${found.join('|')} ${gaps.join('|')}`;
}

/** Makes the blocked call's error again, for a retry of it. */
export type BlockedErrorFactory = () => OutflowBlockedError;

export class BlockedRetries {
  readonly #recent = new Map<string, { error: BlockedErrorFactory; at: number }>();

  remember(signature: string, error: BlockedErrorFactory, now: number): void {
    this.#recent.delete(signature);
    this.#recent.set(signature, { error, at: now });
    for (const [key, entry] of this.#recent) {
      if (this.#recent.size <= MAX_REMEMBERED && now - entry.at <= WINDOW_MS) break;
      this.#recent.delete(key);
    }
  }

  /** The error of the blocked call this request retries (same event id), when it is a client's retry of one; `signature` is made only for a retry. */
  originalOf(headers: Headers | undefined, signature: () => string, now: number): BlockedErrorFactory | undefined {
    const attempt = Number(headers?.get(RETRY_HEADER) ?? 0);
    if (!(attempt > 0)) return undefined;
    const entry = this.#recent.get(signature());
    return entry && now - entry.at <= WINDOW_MS ? entry.error : undefined;
  }
}
