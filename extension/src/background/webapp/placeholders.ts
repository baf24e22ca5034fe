/**
 * Placeholders in a web-app tab: one value keeps one placeholder (`[EMAIL_1]`) in the tab, whether
 * the composer replaced it at paste or the wire at send, and the tab remembers what each stands for
 * (type, masked preview, fingerprint) so a later send that carries it is recorded as redacted.
 */
import { PlaceholderMap, redactText, type Placeholders } from '@outflow/sdk/internal/capture';
import type { CaptureRuntime } from './runtime';
import type { PlaceholderSample, TabState } from './tab-memory';

/**
 * `redactions`: what each value about to be replaced stands for, by `type\0value` (the value as the
 * scanner normalised it, as redaction names it; built while scanning, in memory for one request).
 * A merged span of overlapping values falls back to its type.
 */
export function tabPlaceholders(tab: TabState, redactions: ReadonlyMap<string, PlaceholderSample>, runtime: Pick<CaptureRuntime, 'fingerprintOf'>): Placeholders {
  return {
    placeholderFor(type, value) {
      const sample = redactions.get(`${type}\u0000${value}`) ?? { type, category: 'custom', preview: '•••', fingerprint: runtime.fingerprintOf(value) };
      const existing = tab.placeholderOf[sample.fingerprint];
      if (existing) return existing;
      const n = (tab.placeholderCounts[type] ?? 0) + 1;
      tab.placeholderCounts[type] = n;
      const placeholder = `[${type}_${n}]`;
      tab.placeholderOf[sample.fingerprint] = placeholder;
      tab.placeholders[placeholder] = sample;
      return placeholder;
    },
  };
}

/** Most of a reason an employee writes is kept; past this it is cut. */
export const MAX_JUSTIFICATION = 1000;

/** The employee's reason as stored: every sensitive value in it replaced by a placeholder. */
export function scrubbedJustification(text: string, runtime: Pick<CaptureRuntime, 'scanner'>): string {
  const trimmed = text.trim().slice(0, 2000);
  const spans = runtime.scanner.scan(trimmed).map(({ start, end, type }) => ({ start, end, type }));
  return redactText(trimmed, spans, new PlaceholderMap()).slice(0, MAX_JUSTIFICATION);
}
