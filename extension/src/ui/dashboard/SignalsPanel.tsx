/**
 * Usage signals over time, one row per app × provider: each hour a signal was raised is a mark
 * in that signal's colour, as opaque as its score is high. The figure's label states the
 * numbers; the popup words each signal with `explainSignal`.
 */
import { SIGNAL_KINDS, type SignalKind } from '@outflow/sdk/schema';
import type { ChartData } from '../../messages';
import { seriesColour } from '../shared/charts';

const WIDTH = 360;
const LABEL_WIDTH = 120;
const ROW = 24;
const HOUR_MS = 3_600_000;

const colourOf = (kind: SignalKind): string => seriesColour(SIGNAL_KINDS.indexOf(kind));

export function SignalsPanel({ signals }: { signals: ChartData['signals'] }) {
  const rows = [...new Set(signals.map((s) => `${s.app}\n${s.provider}`))].sort();
  if (rows.length === 0) {
    return (
      <figure class="chart" data-testid="signals-panel">
        <figcaption>Usage signals</figcaption>
        <p class="muted">No usage signal raised in this range.</p>
      </figure>
    );
  }
  const first = Math.min(...signals.map((s) => s.hour));
  const last = Math.max(...signals.map((s) => s.hour)) + HOUR_MS;
  const span = Math.max(HOUR_MS, last - first);
  const plot = WIDTH - LABEL_WIDTH;
  const x = (hour: number) => LABEL_WIDTH + ((hour - first) / span) * plot;
  const barWidth = Math.max(2, (HOUR_MS / span) * plot);
  const slot = ROW / SIGNAL_KINDS.length;
  const summary = rows
    .map((row) => {
      const [app, provider] = row.split('\n');
      const kinds = [...new Set(signals.filter((s) => s.app === app && s.provider === provider).map((s) => s.kind))];
      return `${app} to ${provider}: ${kinds.join(', ')}`;
    })
    .join('; ');
  return (
    <figure class="chart" data-testid="signals-panel">
      <figcaption>Usage signals by app × provider (hourly, UTC)</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 16}`} role="img" aria-label={`Usage signals: ${summary}`} class="chart-svg">
        {rows.map((row, i) => {
          const [app = '', provider = ''] = row.split('\n');
          const label = `${app} · ${provider}`;
          return (
            <g key={row} data-testid="signal-row" data-app={app} data-provider={provider}>
              <text x={LABEL_WIDTH - 6} y={i * ROW + ROW / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">
                {label.length > 19 ? `${label.slice(0, 18)}…` : label}
              </text>
              {signals
                .filter((s) => s.app === app && s.provider === provider)
                .map((s) => (
                  <rect
                    key={`${s.kind} ${s.hour}`}
                    data-kind={s.kind}
                    x={x(s.hour)}
                    y={i * ROW + SIGNAL_KINDS.indexOf(s.kind) * slot}
                    width={barWidth}
                    height={slot - 1}
                    fill={colourOf(s.kind)}
                    fill-opacity={0.3 + 0.7 * s.score}
                  >
                    <title>{`${s.kind} ${s.score.toFixed(2)} at ${new Date(s.hour).toISOString().slice(0, 13)}:00Z`}</title>
                  </rect>
                ))}
            </g>
          );
        })}
        <text x={LABEL_WIDTH} y={rows.length * ROW + 12} class="chart-label">{new Date(first).toISOString().slice(0, 13)}:00</text>
        <text x={WIDTH} y={rows.length * ROW + 12} text-anchor="end" class="chart-label">{new Date(last).toISOString().slice(0, 13)}:00</text>
      </svg>
      <ul class="legend">
        {SIGNAL_KINDS.map((kind) => (
          <li key={kind}>
            <span class="swatch" style={{ background: colourOf(kind) }} /> {kind}
          </li>
        ))}
      </ul>
    </figure>
  );
}
