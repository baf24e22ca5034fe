/**
 * The popup's usage signals: one line per signal raised on the tab's latest call to each
 * provider, in the words `explainSignal` gives it (the same the SDK's `onSignal` and the
 * dashboard use). `warn` and `block` signals are marked, since they are meant for the employee.
 */
import { explainSignal } from '@outflow/sdk/signals/explain';
import type { SessionSummary } from '../../messages';

const TITLES = { volume: 'Volume', templated: 'Templated prompts', 'reasoning-elicitation': 'Reasoning requests', 'capability-sweep': 'Capability sweep' } as const;

export function SignalLines({ session }: { session: SessionSummary }) {
  const lines = Object.entries(session.activeSignals ?? {}).flatMap(([provider, signals]) => signals.map((signal) => ({ provider, signal })));
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="signals-heading">
      <h3 id="signals-heading">Usage signals</h3>
      <ul class="signals" data-testid="signals">
        {lines.map(({ provider, signal }) => (
          <li key={`${provider} ${signal.kind}`} data-testid="signal-line" data-kind={signal.kind} data-action={signal.action ?? 'log'} class={`signal signal-${signal.action ?? 'log'}`}>
            <strong>{TITLES[signal.kind]}</strong> <span class="muted">({provider}, score {signal.score.toFixed(2)})</span>: {explainSignal(signal)}
          </li>
        ))}
      </ul>
    </section>
  );
}
