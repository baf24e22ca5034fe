/** The session filters: app, origin, provider, data type, decision and a date range. */
import type { Decision } from '@outflow/sdk/schema';
import type { Facets, SessionFilter } from '../../messages';
import { dateInputToEpoch } from '../shared/format';

const DECISIONS: Decision[] = ['allowed', 'redacted', 'blocked'];

type TextKey = 'app' | 'origin' | 'provider' | 'type';

function withField(filter: SessionFilter, key: keyof SessionFilter, value: string | number | undefined): SessionFilter {
  const next: SessionFilter = { ...filter };
  if (value === undefined || value === '') delete next[key];
  else (next as Record<string, unknown>)[key] = value;
  return next;
}

function epochToDateInput(epoch: number | undefined): string {
  if (epoch === undefined) return '';
  const d = new Date(epoch);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function Filters({ facets, filter, onChange }: { facets: Facets | undefined; filter: SessionFilter; onChange: (filter: SessionFilter) => void }) {
  const select = (key: TextKey, label: string, options: readonly string[]) => (
    <label>
      {label}
      <select
        name={key}
        value={filter[key] ?? ''}
        onChange={(event) => onChange(withField(filter, key, event.currentTarget.value))}
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
  const active = Object.keys(filter).length > 0;
  return (
    <form class="filters" role="search" aria-label="Filter sessions" onSubmit={(event) => event.preventDefault()}>
      {select('app', 'App', facets?.apps ?? [])}
      {select('origin', 'Origin', facets?.origins ?? [])}
      {select('provider', 'Provider', facets?.providers ?? [])}
      {select('type', 'Data type', facets?.types ?? [])}
      <label>
        Decision
        <select
          name="decision"
          value={filter.decision ?? ''}
          onChange={(event) => onChange(withField(filter, 'decision', event.currentTarget.value))}
        >
          <option value="">All</option>
          {DECISIONS.map((decision) => (
            <option key={decision} value={decision}>
              {decision}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          name="from"
          value={epochToDateInput(filter.from)}
          onChange={(event) => onChange(withField(filter, 'from', dateInputToEpoch(event.currentTarget.value, 'start')))}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          value={epochToDateInput(filter.to)}
          onChange={(event) => onChange(withField(filter, 'to', dateInputToEpoch(event.currentTarget.value, 'end')))}
        />
      </label>
      <button type="button" disabled={!active} onClick={() => onChange({})}>
        Clear filters
      </button>
    </form>
  );
}
