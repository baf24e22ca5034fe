/**
 * The plain-language explanation of a raised signal, made from its kind and numbers only (an
 * event carries no text of its own for it). Browser-safe: the SDK's `onSignal`, the popup and
 * the dashboard all use this one wording.
 */
import type { EventSignal } from '../schema';

const WINDOW_WORDS = { '1m': 'minute', '1h': 'hour', '1d': 'day' } as const;

export function explainSignal(signal: Pick<EventSignal, 'kind' | 'score' | 'window' | 'evidence'>): string {
  const e = signal.evidence ?? {};
  const pct = (share: number | undefined): string => `${Math.round((share ?? 0) * 100)}%`;
  const span = `the last ${WINDOW_WORDS[signal.window]}`;
  switch (signal.kind) {
    case 'volume':
      if (signal.window === '1m') {
        return `Calls are coming at a machine's pace: the median gap between the last 30 calls is ${Math.round(e.medianGapMs ?? 0)} ms.`;
      }
      return `${e.calls ?? 0} calls in ${span}, ${e.ratio ?? 0}× this app's usual hour (${e.baselinePerHour ?? 0} calls).`;
    case 'templated':
      return `${pct(e.share)} of the ${e.calls ?? 0} prompts in ${span} are one template with its slots varied.`;
    case 'reasoning-elicitation':
      return `${pct(e.share)} of the ${e.calls ?? 0} prompts in ${span} ask for step-by-step reasoning, hidden thoughts or rubric grading.`;
    case 'capability-sweep':
      return `${pct(e.share)} of the ${e.calls ?? 0} prompts in ${span} share one instruction frame across ${e.topics ?? 0} different task categories, as a benchmark sweep does.`;
  }
}
