/**
 * One page of sessions. Only a page is ever fetched (`limit`/`offset`), so the list stays fast
 * however many events are stored.
 */
import type { SessionSummary } from '../../messages';
import { appDisplayName } from '../../discovery/ai-apps';
import { byCountDesc, formatBytes, formatCount, formatShortDateTime, total } from '../shared/format';

export const PAGE_SIZE = 50;

interface Props {
  sessions: readonly SessionSummary[];
  total: number;
  offset: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onPage: (offset: number) => void;
}

export function SessionTable({ sessions, total: count, offset, selectedKey, onSelect, onPage }: Props) {
  if (count === 0) {
    return (
      <p class="notice" data-testid="sessions-empty">
        No sessions match. Sessions appear here once an app that embeds the Outflow SDK makes AI calls on an allowed origin, or something is sent in one of the AI web apps Outflow reads.
      </p>
    );
  }
  const last = Math.min(offset + sessions.length, count);
  return (
    <>
      <table class="sessions" data-testid="sessions-table">
        <caption class="visually-hidden">Sessions, most recent activity first</caption>
        <thead>
          <tr>
            <th scope="col">Last activity</th>
            <th scope="col">App</th>
            <th scope="col">Origin</th>
            <th scope="col">Providers</th>
            <th scope="col" class="num">Calls</th>
            <th scope="col" class="num">Sent</th>
            <th scope="col">Findings</th>
            <th scope="col" class="num">Redacted</th>
            <th scope="col" class="num">Blocked</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr
              key={session.key}
              data-testid="session-row"
              data-session-id={session.sessionId}
              aria-selected={session.key === selectedKey}
              class={session.key === selectedKey ? 'selected' : undefined}
            >
              <td class="nowrap">
                <button type="button" class="link" onClick={() => onSelect(session.key)} aria-label={`Show session ${session.sessionId} of ${session.app}`}>
                  {formatShortDateTime(session.lastSeen)}
                </button>
              </td>
              <td data-app={session.app}>
                {appDisplayName(session.app)}
                {session.kind === 'web-app' && <span class="webapp-tag">web app</span>}
              </td>
              <td class="nowrap">{session.origin}</td>
              <td>{byCountDesc(session.providers).map(([p]) => p).join(', ')}</td>
              <td class="num" data-testid="row-calls">{formatCount(session.calls)}</td>
              <td class="num">{formatBytes(session.bytesOut)}</td>
              <td data-testid="row-findings" title={`${formatCount(total(session.findingsByType))} findings`}>
                {Object.keys(session.findingsByType).length === 0 ? (
                  <span class="muted">none</span>
                ) : (
                  byCountDesc(session.findingsByType).map(([type, count]) => (
                    <span key={type} class="chip">
                      {type}×{count}
                    </span>
                  ))
                )}
              </td>
              <td class="num" data-testid="row-redacted">{formatCount(session.decisions.redacted)}</td>
              <td class="num" data-testid="row-blocked">{formatCount(session.decisions.blocked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Session pages">
        <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
          Previous
        </button>
        <span data-testid="page-status" aria-live="polite">
          {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(count)} sessions
        </span>
        <button type="button" disabled={last >= count} onClick={() => onPage(offset + PAGE_SIZE)}>
          Next
        </button>
      </nav>
    </>
  );
}
