/** Charts of the filtered sessions: findings by type, calls and bytes by provider per day, usage signals per app × provider per hour. */
import type { SessionFilter } from '../../messages';
import { BarChart, StackedDayChart } from '../shared/charts';
import { ask } from '../shared/client';
import { ErrorNotice } from '../shared/components';
import { formatBytes } from '../shared/format';
import { SignalsPanel } from './SignalsPanel';
import { useAsk } from './useAsk';

export function ChartsPanel({ filter, refresh }: { filter: SessionFilter; refresh: number }) {
  const charts = useAsk(() => ask({ type: 'dashboard.charts', filter }), [JSON.stringify(filter), refresh]);
  if (charts.status === 'error') return <ErrorNotice message={`Could not load the charts: ${charts.error}`} />;
  if (!charts.data) return <p class="muted">Loading charts…</p>;
  const { findingsByType, byProviderDay, signals } = charts.data;
  const providers = [...new Set(byProviderDay.map((row) => row.provider))].sort();
  return (
    <section class="charts" aria-label="Charts">
      <BarChart title="Findings by type" data={findingsByType.map((row) => ({ label: row.type, value: row.count }))} />
      <StackedDayChart
        title="Calls by provider per day (UTC)"
        series={providers}
        points={byProviderDay.map((row) => ({ day: row.day, series: row.provider, value: row.calls }))}
      />
      <StackedDayChart
        title="Bytes sent by provider per day (UTC)"
        series={providers}
        formatValue={formatBytes}
        points={byProviderDay.map((row) => ({ day: row.day, series: row.provider, value: row.bytes }))}
      />
      <SignalsPanel signals={signals} />
    </section>
  );
}
