/**
 * The popup: what the current tab's session has sent to AI providers, readable in five seconds.
 * Headline numbers first, then providers, the data types found (masked samples only), then the
 * last calls. Sets the `outflow:popup-rendered` performance mark once its first data render is on
 * screen, which the store benchmark measures.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TabCapture, TabSummary } from '../../messages';
import { appDisplayName } from '../../discovery/ai-apps';
import { CaptureStatus } from '../shared/CaptureStatus';
import { ask } from '../shared/client';
import { CallList } from '../shared/CallList';
import { ErrorNotice, FindingsTable, Stat } from '../shared/components';
import { byCountDesc, formatBytes, formatCount, plural, total } from '../shared/format';
import { dashboardUrl, openOptions } from '../shared/links';

export const POPUP_RENDERED_MARK = 'outflow:popup-rendered';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; summary: TabSummary | null; capture: TabCapture | null };

export function Popup({ tabId }: { tabId: Promise<number | undefined> }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    tabId
      .then((id): Promise<[TabSummary | null, TabCapture | null]> =>
        id === undefined ? Promise.resolve([null, null]) : Promise.all([ask({ type: 'popup.tabSummary', tabId: id }), ask({ type: 'popup.tabCapture', tabId: id })]),
      )
      .then(
        ([summary, capture]) => setState({ kind: 'ready', summary, capture }),
        (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
  }, [tabId]);

  useEffect(() => {
    if (state.kind !== 'loading' && performance.getEntriesByName(POPUP_RENDERED_MARK).length === 0) {
      performance.mark(POPUP_RENDERED_MARK);
    }
  }, [state.kind]);

  return (
    <main class="popup" aria-busy={state.kind === 'loading'}>
      {state.kind === 'loading' && <p class="muted">Loading…</p>}
      {state.kind === 'error' && <ErrorNotice message={`Outflow could not load this tab's data: ${state.message}`} />}
      {state.kind === 'ready' && state.capture && <CaptureStatus capture={state.capture} />}
      {state.kind === 'ready' && (state.summary ? <SessionView summary={state.summary} /> : state.capture ? <WebAppEmpty capture={state.capture} /> : <EmptyState />)}
    </main>
  );
}

function SessionView({ summary: { session, lastCalls } }: { summary: TabSummary }) {
  const findings = total(session.findingsByType);
  return (
    <div data-testid="popup-session">
      <header>
        <h1 data-testid="app-name" data-app={session.app}>
          {appDisplayName(session.app)}
        </h1>
        <span class="origin" data-testid="origin">
          {session.origin}
        </span>
      </header>
      <p class="muted">
        This session sent {plural(session.calls, 'AI call')} since {new Date(session.firstSeen).toLocaleTimeString()}.
      </p>
      <div class="stats" role="group" aria-label="Session totals">
        <Stat label={session.calls === 1 ? 'call' : 'calls'} value={formatCount(session.calls)} testId="stat-calls" />
        <Stat label="sent" value={formatBytes(session.bytesOut)} testId="stat-bytes" />
        <Stat label={findings === 1 ? 'finding' : 'findings'} value={formatCount(findings)} testId="stat-findings" />
        <Stat label="redacted" value={formatCount(session.decisions.redacted)} testId="stat-redacted" />
        <Stat label="blocked" value={formatCount(session.decisions.blocked)} testId="stat-blocked" />
      </div>

      <section aria-labelledby="providers-heading">
        <h3 id="providers-heading">Providers and models</h3>
        <ul class="providers" data-testid="providers">
          {byCountDesc(session.providers).map(([provider, calls]) => (
            <li key={provider} data-provider={provider}>
              <span>{provider}</span>
              <span class="muted">{plural(calls, 'call')}</span>
            </li>
          ))}
        </ul>
        <p class="muted" data-testid="models">
          {byCountDesc(session.models)
            .map(([model, calls]) => `${model} (${calls})`)
            .join(', ') || 'model not reported'}
        </p>
      </section>

      <section aria-labelledby="findings-heading">
        <h3 id="findings-heading">Sensitive data found</h3>
        <FindingsTable
          findingsByType={session.findingsByType}
          samplesByType={session.samplesByType}
          caption="Sensitive data found, by type, with masked samples"
        />
      </section>

      <section aria-labelledby="calls-heading">
        <h3 id="calls-heading">Last calls</h3>
        <CallList calls={lastCalls} label="Last calls, newest first" />
      </section>

      <footer>
        <a class="button primary" href={dashboardUrl(session.key)} target="_blank" rel="noopener">
          Open dashboard
        </a>
        <button type="button" onClick={openOptions}>
          Options
        </button>
      </footer>
    </div>
  );
}

/** An AI web app's tab with nothing sent yet: capture is on, there is just nothing to show. */
function WebAppEmpty({ capture }: { capture: TabCapture }) {
  return (
    <div class="empty" data-testid="popup-webapp-empty">
      <p>
        Nothing sent to {capture.name} has been recorded on this tab yet. Messages, drafts {capture.name} sends while you type, and uploads
        are recorded here — masked, on this device only.
      </p>
      <footer>
        <a class="button" href={dashboardUrl()} target="_blank" rel="noopener">
          Open dashboard
        </a>
      </footer>
    </div>
  );
}

function EmptyState() {
  return (
    <div class="empty" data-testid="popup-empty">
      <h1>No AI calls recorded for this tab</h1>
      <p>Outflow shows what this page sends to AI providers once two things are true:</p>
      <ol>
        <li>the app embeds the Outflow SDK (its developers add it), and</li>
        <li>
          this site's origin is allowed in Outflow —{' '}
          <a
            href="#options"
            onClick={(event) => {
              event.preventDefault();
              openOptions();
            }}
          >
            add it in Options
          </a>
          .
        </li>
      </ol>
      <p class="muted">Then use the app's AI features and open this popup again.</p>
      <footer>
        <a class="button" href={dashboardUrl()} target="_blank" rel="noopener">
          Open dashboard
        </a>
      </footer>
    </div>
  );
}
