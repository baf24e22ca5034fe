/**
 * The organisation export as the employee sees it: where events go (set by IT, read-only), how
 * far the export is ("Last export 2 min ago, 0 pending"), the last failure and when the next try
 * is, and what was not exported and why. Header values are secrets: only their names are shown.
 */
import { useEffect, useState } from 'preact/hooks';
import type { OrgExportStatus } from '../../messages';
import { ask } from '../shared/client';
import { byCountDesc, formatAgo, formatIn, plural } from '../shared/format';
import { exportProgress } from './export-progress';
import { requestOrigin } from './permissions';

/** Options stays open while someone watches the queue drain: ask again this often. */
const REFRESH_MS = 5000;

export function OrgExportSection() {
  const [status, setStatus] = useState<OrgExportStatus | null>(null);
  const [error, setError] = useState('');

  const refresh = () =>
    ask({ type: 'export.status' })
      .then((next) => {
        setStatus(next);
        setError('');
      })
      .catch((reason: unknown) => setError(String(reason)));
  useEffect(() => {
    void refresh();
    const interval = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(interval);
  }, []);

  const sendNow = () => {
    setError('');
    ask({ type: 'export.sendNow' })
      .then(setStatus)
      .catch((reason: unknown) => setError(String(reason)));
  };

  const grant = async (url: string) => {
    // The permission prompt needs the click's user gesture: nothing is awaited before it.
    const request = await requestOrigin(new URL(url).origin);
    if ('error' in request || !request.granted) setError(`Access to ${new URL(url).origin} was not granted.`);
    await refresh();
  };

  return (
    <section aria-labelledby="org-export-title" data-testid="org-export">
      <h2 id="org-export-title">Organisation export</h2>
      {status?.problems.map((problem) => (
        <p key={problem} class="error">
          {problem}
        </p>
      ))}
      {status && !status.configured && <p class="muted">Not set up: nothing leaves this device. Your IT department can send these records to its collector.</p>}
      {status?.configured && (
        <>
          <p>
            Stored events are sent to <code>{status.url}</code> as OpenTelemetry logs <span class="tag">set by IT</span>
            {status.headerNames.length > 0 && <> with the {status.headerNames.join(', ')} {status.headerNames.length === 1 ? 'header' : 'headers'}</>}.
          </p>
          <p data-testid="org-export-status">{exportProgress(status)}</p>
          {status.lastError && (
            <p class="error" data-testid="org-export-error">
              Last attempt failed {formatAgo(status.lastError.at)}: {status.lastError.reason}.
              {status.nextAttemptAt !== undefined && <> Next try {formatIn(status.nextAttemptAt)}.</>}
            </p>
          )}
          {Object.keys(status.dropped).length > 0 && (
            <p data-testid="org-export-dropped">
              Not exported: {byCountDesc(status.dropped).map(([reason, count]) => `${plural(count, 'event')} (${reason})`).join(', ')}.
            </p>
          )}
          {!status.hostAccess && (
            <p class="muted">
              The extension has no host access to the collector, so the collector must allow this extension's origin (CORS).{' '}
              <button type="button" onClick={() => void grant(status.url)}>
                Grant access to {new URL(status.url).origin}
              </button>
            </p>
          )}
          <button type="button" onClick={sendNow}>
            Send now
          </button>
        </>
      )}
      {error && <p class="error">{error}</p>}
    </section>
  );
}
