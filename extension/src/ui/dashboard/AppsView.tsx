/**
 * The AI apps view: the seven apps the extension reads and every other AI app this browser
 * visited (shadow AI), each with IT's tag, visits, the kinds of account signed in, what was
 * recorded there, and whether capture is working — by adapter version, with what went wrong.
 */
import { useState } from 'preact/hooks';
import { APP_TAGS, type AppRow, type AppTag, type CaptureHealth, type CaptureProblem } from '../../messages';
import { ask } from '../shared/client';
import { PROBLEM_TEXT } from '../shared/CaptureStatus';
import { ErrorNotice } from '../shared/components';
import { formatCount, formatShortDateTime, plural } from '../shared/format';
import { useAsk } from './useAsk';

function HealthCell({ row }: { row: AppRow }) {
  if (row.app === undefined) return <span class="muted">visits only</span>;
  if (row.health.length === 0) return <span class="muted">nothing read yet</span>;
  return (
    <ul class="health" aria-label={`Capture health of ${row.name}`}>
      {row.health.map((version) => (
        <HealthLine key={version.key} name={row.name} health={version} />
      ))}
    </ul>
  );
}

function HealthLine({ name, health }: { name: string; health: CaptureHealth }) {
  const problems = (Object.entries(health.problems) as [CaptureProblem, number][]).filter(([, count]) => count > 0);
  return (
    <li data-testid="health-version" data-version={health.version}>
      <code>{health.version}</code>: {plural(health.parsed, 'request')} read
      {problems.map(([problem, count]) => (
        <span key={problem} class="problem" data-problem={problem} title={PROBLEM_TEXT[problem](name)}>
          {' · '}
          {problem} ×{count}
        </span>
      ))}
      {health.lastProblemAt !== undefined && <span class="muted"> (last problem {formatShortDateTime(health.lastProblemAt)})</span>}
    </li>
  );
}

function TagCell({ row, editable, onTagged }: { row: AppRow; editable: boolean; onTagged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  if (!editable) return row.tag ? <span class={`tag tag-${row.tag}`}>{row.tag}</span> : <span class="muted">not tagged</span>;
  return (
    <>
      <select
        aria-label={`Tag of ${row.name}`}
        value={row.tag ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          ask({ type: 'settings.setAppTag', domain: row.domain, tag: value === '' ? null : (value as AppTag) }).then(onTagged, (e: unknown) => setError(String(e)));
        }}
      >
        <option value="">not tagged</option>
        {APP_TAGS.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      {error && <ErrorNotice message={error} />}
    </>
  );
}

export function AppsView({ onShowSessions }: { onShowSessions: (app: string) => void }) {
  const [refresh, setRefresh] = useState(0);
  const apps = useAsk(() => ask({ type: 'dashboard.apps' }), [refresh]);
  const settings = useAsk(() => ask({ type: 'settings.get' }), [refresh]);
  const tagsEditable = settings.data !== undefined && settings.data.managed.aiAppTags === undefined;
  if (apps.status === 'error') return <ErrorNotice message={`Could not load the AI apps: ${apps.error}`} />;
  if (!apps.data) return <p class="muted">Loading AI apps…</p>;
  const degraded = apps.data.filter((row) => row.status === 'degraded');
  return (
    <section aria-labelledby="apps-heading" data-testid="apps-view">
      <h2 id="apps-heading">AI apps</h2>
      <p class="muted">
        The seven AI web apps Outflow reads, and other AI apps this browser visited (domains only). Tags are{' '}
        {tagsEditable ? 'yours to set here until your IT department sets them' : 'set by your IT department'}.
      </p>
      {degraded.length > 0 && (
        <p role="alert" class="degraded-note" data-testid="degraded-apps">
          Capture degraded in {degraded.map((row) => row.name).join(', ')}: some sends may not be recorded. See the capture column.
        </p>
      )}
      <table class="apps" data-testid="apps-table">
        <caption class="visually-hidden">AI apps, the ones Outflow reads first</caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Tag</th>
            <th scope="col" class="num">Visits</th>
            <th scope="col">Accounts</th>
            <th scope="col" class="num">Recorded</th>
            <th scope="col" class="num">Findings</th>
            <th scope="col" class="num">Blocked</th>
            <th scope="col">Capture</th>
          </tr>
        </thead>
        <tbody>
          {apps.data.map((row) => (
            <tr key={row.domain} data-testid="app-row" data-domain={row.domain} data-app={row.app ?? ''} data-status={row.status ?? ''}>
              <th scope="row">
                {row.name}
                <div class="muted small">{row.domain}</div>
                {row.app !== undefined && row.calls > 0 && (
                  <button type="button" class="link small" onClick={() => onShowSessions(row.app!)}>
                    Show sessions
                  </button>
                )}
              </th>
              <td>
                <TagCell row={row} editable={tagsEditable} onTagged={() => setRefresh((n) => n + 1)} />
              </td>
              <td class="num" data-testid="app-visits">{formatCount(row.visits)}</td>
              <td data-testid="app-accounts">
                {row.accounts.work + row.accounts.personal === 0 ? (
                  <span class="muted">unknown</span>
                ) : (
                  <>
                    {row.accounts.work > 0 && <span class="chip">work ×{row.accounts.work}</span>}
                    {row.accounts.personal > 0 && <span class="chip chip-warn">personal ×{row.accounts.personal}</span>}
                  </>
                )}
              </td>
              <td class="num" data-testid="app-calls">{formatCount(row.calls)}</td>
              <td class="num">{formatCount(row.findings)}</td>
              <td class="num">{formatCount(row.decisions.blocked)}</td>
              <td data-testid="app-health">
                {row.status === 'degraded' && <strong class="problem">Degraded</strong>}
                {row.status === 'ok' && row.health.length > 0 && <span class="ok">Working</span>}
                <HealthCell row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
