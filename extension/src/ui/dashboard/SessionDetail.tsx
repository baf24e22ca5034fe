/** One session: its totals, then a timeline of its calls, each with what was found and done. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { coverageOf, isCoverageUnrecorded } from '@outflow/sdk/schema';
import type { StoredEvent } from '../../messages';
import { ask } from '../shared/client';
import { ConfirmDialog, DecisionBadge, ErrorNotice, FindingsTable, Stat } from '../shared/components';
import { formatBytes, formatCount, formatDateTime, formatTime, plural, total } from '../shared/format';
import { useAsk } from './useAsk';
import { appDisplayName } from '../../discovery/ai-apps';

const NOTICE_TEXT = { warn: 'warned', justify: 'asked for a reason', block: 'refused' } as const;
const OUTCOME_TEXT = { continued: 'the employee went on', cancelled: 'the employee cancelled', blocked: 'nothing was sent' } as const;
const AT_TEXT = { paste: 'at paste', drop: 'at drop', file: 'at file selection', send: 'at send' } as const;

/** What the employee was shown before the data left, and what they did. */
function NoticeLine({ notice }: { notice: NonNullable<StoredEvent['notice']> }) {
  return (
    <p class="notice-line" data-testid="notice" data-outcome={notice.outcome}>
      Notice {AT_TEXT[notice.at]}: {NOTICE_TEXT[notice.action]}, {OUTCOME_TEXT[notice.outcome]}
      {notice.justification !== undefined && (
        <>
          {' '}— reason: <q data-testid="justification">{notice.justification}</q>
        </>
      )}
    </p>
  );
}

/** Calls rendered at once; more on request, so a session with thousands of calls stays responsive. @default 100 */
const TIMELINE_STEP = 100;

const ACTION_TEXT = { log: 'logged', warn: 'warned', justify: 'reason asked', redact: 'redacted', block: 'blocked' } as const;

export function SessionDetail({ sessionKey, onClose, onDeleted }: { sessionKey: string; onClose: () => void; onDeleted: () => void }) {
  const detail = useAsk(() => ask({ type: 'dashboard.session', key: sessionKey }), [sessionKey]);
  const [shown, setShown] = useState(TIMELINE_STEP);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail.data !== undefined;
  // Move focus to the opened session so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  async function deleteSession() {
    setConfirming(false);
    try {
      await ask({ type: 'data.deleteSession', key: sessionKey });
      onDeleted();
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : String(error));
    }
  }

  if (detail.status === 'error') return <ErrorNotice message={`Could not load the session: ${detail.error}`} />;
  if (!detail.data) return <p class="muted">Loading session…</p>;
  const { session, events } = detail.data;
  const findings = total(session.findingsByType);
  return (
    <section class="detail" aria-labelledby="detail-heading" data-testid="session-detail">
      <div class="detail-head">
        <h2 id="detail-heading" tabIndex={-1} ref={heading}>
          {appDisplayName(session.app)} <span class="muted">· {session.origin}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Close session details">
          Close
        </button>
      </div>
      <p class="muted">
        Session <code>{session.sessionId}</code> · {formatDateTime(session.firstSeen)} – {formatTime(session.lastSeen)}
      </p>
      <div class="stats" role="group" aria-label="Session totals">
        <Stat label="calls" value={formatCount(session.calls)} testId="detail-calls" />
        <Stat label="sent" value={formatBytes(session.bytesOut)} testId="detail-bytes" />
        <Stat label="received" value={formatBytes(session.bytesIn)} testId="detail-bytes-in" />
        <Stat label="findings" value={formatCount(findings)} testId="detail-findings" />
        <Stat label="redacted" value={formatCount(session.decisions.redacted)} testId="detail-redacted" />
        <Stat label="blocked" value={formatCount(session.decisions.blocked)} testId="detail-blocked" />
      </div>
      <FindingsTable findingsByType={session.findingsByType} samplesByType={session.samplesByType} caption="Findings in this session, by type" />

      <h3>Timeline</h3>
      <ol class="timeline" aria-label={`Calls of this session, ${plural(events.length, 'call')}`}>
        {events.slice(0, shown).map((event) => (
          <TimelineItem key={event.id} event={event} />
        ))}
      </ol>
      {events.length > shown && (
        <button type="button" onClick={() => setShown(shown + TIMELINE_STEP)}>
          Show {Math.min(TIMELINE_STEP, events.length - shown)} more of {formatCount(events.length - shown)}
        </button>
      )}

      <div class="actions">
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Delete this session
        </button>
      </div>
      {deleteError && <ErrorNotice message={`Could not delete the session: ${deleteError}`} />}
      <ConfirmDialog
        open={confirming}
        title="Delete this session?"
        confirmLabel="Delete session"
        onConfirm={() => void deleteSession()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          This removes {plural(session.calls, 'recorded call')} of {session.app} ({session.origin}) from this browser. It cannot be undone; export
          first if you need a copy.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function TimelineItem({ event }: { event: StoredEvent }) {
  const { destination, request, response } = event;
  return (
    <li class="timeline-item" data-testid="timeline-call" data-decision={event.decision}>
      <div class="call-head">
        <time dateTime={event.timestamp}>{formatTime(event.ts)}</time>
        <strong>{destination.provider}</strong>
        {destination.model && <span>{destination.model}</span>}
        <span class="muted">
          {destination.host}
          {destination.path}
        </span>
        <DecisionBadge decision={event.decision} />
      </div>
      <div class="call-meta muted">
        {formatBytes(request.bytes)} sent
        {response && (
          <>
            {' · '}HTTP {response.status} · {formatBytes(response.bytes)} received · {Math.round(response.latencyMs)} ms
            {response.tokensIn !== undefined && <> · {formatCount(response.tokensIn)} tokens in</>}
            {response.tokensOut !== undefined && <> · {formatCount(response.tokensOut)} out</>}
          </>
        )}
        {request.attachments.length > 0 && (
          <>
            {' · '}
            {request.attachments.map((file) => `${file.name ?? 'unnamed'} (${file.mimeType}, ${formatBytes(file.bytes)})`).join(', ')}
          </>
        )}
        {event.source.kind === 'web-app' && (
          <>
            {' · '}
            {destination.api}, adapter {event.source.adapterVersion}
          </>
        )}
      </div>
      {event.notice && <NoticeLine notice={event.notice} />}
      {event.error && <p class={event.error.kind === 'blocked' ? 'blocked-reason' : 'muted'}>{event.error.message}</p>}
      <CoverageNote event={event} />
      {event.findings.length > 0 && (
        <ul class="call-findings" aria-label="Findings in this call">
          {event.findings.map((finding) => (
            <li key={`${finding.type} ${finding.field}`} data-type={finding.type}>
              <code>{finding.type}</code> ×{finding.count} in <code>{finding.field}</code> — {ACTION_TEXT[finding.action]}
              {finding.samples.map((sample) => (
                <code key={sample.preview} class="sample" title={sample.fingerprint ? `fingerprint ${sample.fingerprint}` : undefined}>
                  {sample.preview}
                </code>
              ))}
            </li>
          ))}
          {event.truncatedFindings !== undefined && <li class="muted">and {plural(event.truncatedFindings, 'more finding')} not recorded</li>}
        </ul>
      )}
    </li>
  );
}

/** What Outflow could not read of this call; nothing when it read everything. Events from before coverage existed never read as complete. */
function CoverageNote({ event }: { event: StoredEvent }) {
  // Events stored by an older extension have no coverage at all.
  const coverage = coverageOf(event);
  if (coverage.complete) return null;
  if (isCoverageUnrecorded(coverage)) {
    return (
      <p class="muted" data-testid="call-coverage" data-coverage="unrecorded">
        Coverage not recorded (sent by an older Outflow): not known to be fully scanned.
      </p>
    );
  }
  return (
    <p class="coverage" data-testid="call-coverage" data-coverage="incomplete">
      Not scanned:{' '}
      {coverage.unscanned.map((part, i) => (
        <span key={`${part.where} ${i}`}>
          {i > 0 && ', '}
          <code>{part.where}</code> ({part.reason}, {formatBytes(part.bytes)})
        </span>
      ))}
      {coverage.truncated !== undefined && <> and {plural(coverage.truncated, 'more part')}</>}
    </p>
  );
}
