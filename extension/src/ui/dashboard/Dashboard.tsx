/**
 * The dashboard, for a security reviewer: every session (filtered, paginated), one session's
 * timeline, charts, and the data actions. Each part asks the background for exactly what it
 * shows, so nothing here ever loads all stored events.
 */
import { useState } from 'preact/hooks';
import type { SessionFilter } from '../../messages';
import { ask } from '../shared/client';
import { ErrorNotice } from '../shared/components';
import { AppsView } from './AppsView';
import { ChartsPanel } from './ChartsPanel';
import { DataPanel } from './DataPanel';
import { Filters } from './Filters';
import { SessionDetail } from './SessionDetail';
import { PAGE_SIZE, SessionTable } from './SessionTable';
import { useAsk } from './useAsk';
import { WherePanel } from './WherePanel';

type View = 'sessions' | 'apps';

export function Dashboard({ initialSession, initialView = 'sessions' }: { initialSession: string | null; initialView?: View }) {
  const [view, setView] = useState<View>(initialView);
  const [filter, setFilter] = useState<SessionFilter>({});
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(initialSession);
  // Bumped after imports and deletions so every panel asks again.
  const [refresh, setRefresh] = useState(0);
  const filterKey = JSON.stringify(filter);

  const facets = useAsk(() => ask({ type: 'dashboard.facets' }), [refresh]);
  const sessions = useAsk(() => ask({ type: 'dashboard.sessions', filter, limit: PAGE_SIZE, offset }), [filterKey, offset, refresh]);

  const changed = () => setRefresh((n) => n + 1);

  return (
    <div class="dashboard">
      <header class="top">
        <h1>Outflow · AI data flows</h1>
        <p class="muted">What this browser's internal apps and AI web apps sent to AI providers. Stored only on this device; samples are masked.</p>
      </header>
      <nav class="views" aria-label="Views">
        {(['sessions', 'apps'] as const).map((name) => (
          <button key={name} type="button" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)}>
            {name === 'sessions' ? 'Sessions' : 'AI apps'}
          </button>
        ))}
      </nav>
      {view === 'apps' ? (
        <AppsView
          onShowSessions={(app) => {
            setFilter({ app });
            setOffset(0);
            setView('sessions');
          }}
        />
      ) : (
        <>
          <Filters
            facets={facets.data}
            filter={filter}
            onChange={(next) => {
              setFilter(next);
              setOffset(0);
            }}
          />
          <div class="layout">
            <main aria-labelledby="sessions-heading" aria-busy={sessions.status === 'loading'}>
              {selected && (
                <SessionDetail
                  key={`${selected} ${refresh}`}
                  sessionKey={selected}
                  onClose={() => setSelected(null)}
                  onDeleted={() => {
                    setSelected(null);
                    changed();
                  }}
                />
              )}
              <h2 id="sessions-heading">
                Sessions{sessions.data && <span class="muted" data-testid="sessions-total"> {sessions.data.total}</span>}
              </h2>
              {sessions.status === 'error' && <ErrorNotice message={`Could not load sessions: ${sessions.error}`} />}
              {sessions.data && (
                <SessionTable
                  sessions={sessions.data.sessions}
                  total={sessions.data.total}
                  offset={offset}
                  selectedKey={selected}
                  onSelect={setSelected}
                  onPage={setOffset}
                />
              )}
            </main>
            <aside>
              <ChartsPanel filter={filter} refresh={refresh} />
              <DataPanel filter={filter} onChanged={changed} />
              <WherePanel onSelect={setSelected} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
