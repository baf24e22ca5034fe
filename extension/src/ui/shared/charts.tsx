/**
 * Two small hand-written SVG charts: enough for "which data types went out" and "how much went to
 * whom, day by day". Each chart is one `role="img"` with a label that states its numbers, so a
 * screen reader gets the same facts as the picture.
 */
import { formatCount } from './format';

/** Colours that stay distinguishable for the common colour-vision deficiencies (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#000000';
}

export interface BarDatum {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  data: readonly BarDatum[];
  /** @default formatCount */
  formatValue?: (value: number) => string;
  /** Bars beyond this are summed into "other". @default 12 */
  maxBars?: number;
}

const ROW = 22;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 56;
/** Close to the dashboard's side column, so 11-unit text renders at about 11 px. */
const WIDTH = 360;

/** Horizontal bars, largest first. */
export function BarChart({ title, data, formatValue = formatCount, maxBars = 12 }: BarChartProps) {
  const sorted = [...data].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, maxBars);
  const rest = sorted.slice(maxBars).reduce((sum, d) => sum + d.value, 0);
  if (rest > 0) shown.push({ label: 'other', value: rest });
  const max = Math.max(1, ...shown.map((d) => d.value));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, shown.length * ROW);
  const summary = shown.length === 0 ? 'no data' : shown.map((d) => `${d.label} ${formatValue(d.value)}`).join(', ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p class="muted">Nothing in this range.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${summary}`} class="chart-svg">
          {shown.map((d, i) => {
            const y = i * ROW;
            const w = Math.max(2, (d.value / max) * barSpace);
            return (
              <g key={d.label}>
                <text x={LABEL_WIDTH - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">
                  {d.label.length > 17 ? `${d.label.slice(0, 16)}…` : d.label}
                </text>
                <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 6} rx="2" fill={seriesColour(0)} />
                <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2} dominant-baseline="middle" class="chart-value">
                  {formatValue(d.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

export interface SeriesPoint {
  /** x: a `YYYY-MM-DD` day. */
  day: string;
  series: string;
  value: number;
}

interface StackedDayChartProps {
  title: string;
  points: readonly SeriesPoint[];
  /** Series order (and colours), so two charts of the same providers use the same colours. */
  series: readonly string[];
  /** @default formatCount */
  formatValue?: (value: number) => string;
}

const PLOT_HEIGHT = 120;
const AXIS = 22;
const LEFT = 48;

/** One stacked bar per day, one colour per series (provider), with a legend. */
export function StackedDayChart({ title, points, series, formatValue = formatCount }: StackedDayChartProps) {
  const days = [...new Set(points.map((p) => p.day))].sort();
  const byDay = new Map<string, Map<string, number>>();
  for (const p of points) {
    const row = byDay.get(p.day) ?? new Map<string, number>();
    row.set(p.series, (row.get(p.series) ?? 0) + p.value);
    byDay.set(p.day, row);
  }
  const dayTotal = (day: string) => [...(byDay.get(day)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...days.map(dayTotal));
  const slot = days.length === 0 ? 0 : (WIDTH - LEFT) / days.length;
  const barWidth = Math.min(48, Math.max(3, slot * 0.7));
  // Label every n-th day so labels never overlap (about 70 user units per label).
  const labelEvery = Math.max(1, Math.ceil(70 / Math.max(slot, 1)));
  const totals = series.map((s) => [s, points.filter((p) => p.series === s).reduce((a, p) => a + p.value, 0)] as const);
  const summary = `${days.length} ${days.length === 1 ? 'day' : 'days'}; ${totals.map(([s, v]) => `${s} ${formatValue(v)}`).join(', ')}`;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {days.length === 0 ? (
        <p class="muted">Nothing in this range.</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${PLOT_HEIGHT + AXIS}`} role="img" aria-label={`${title}: ${summary}`} class="chart-svg">
            <line x1={LEFT} y1={PLOT_HEIGHT} x2={WIDTH} y2={PLOT_HEIGHT} class="chart-axis" />
            <text x={LEFT - 6} y={12} text-anchor="end" class="chart-value">{formatValue(max)}</text>
            <text x={LEFT - 6} y={PLOT_HEIGHT} text-anchor="end" class="chart-value">0</text>
            {days.map((day, i) => {
              const x = LEFT + i * slot + (slot - barWidth) / 2;
              let top = PLOT_HEIGHT;
              return (
                <g key={day}>
                  {series.map((s, si) => {
                    const value = byDay.get(day)?.get(s) ?? 0;
                    if (value === 0) return null;
                    const h = Math.max(1, (value / max) * (PLOT_HEIGHT - 10));
                    top -= h;
                    return (
                      <rect key={s} x={x} y={top} width={barWidth} height={h} fill={seriesColour(si)}>
                        <title>{`${day} · ${s}: ${formatValue(value)}`}</title>
                      </rect>
                    );
                  })}
                  {i % labelEvery === 0 && (
                    <text x={x + barWidth / 2} y={PLOT_HEIGHT + 15} text-anchor="middle" class="chart-label">
                      {day.slice(5)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <ul class="legend" aria-hidden="true">
            {series.map((s, i) => (
              <li key={s}>
                <span class="swatch" style={{ background: seriesColour(i) }} />
                {s}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
