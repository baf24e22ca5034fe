/** Calls as a compact list: when, to whom, what was decided and which data types went out. */
import type { StoredEvent } from '../../messages';
import { DecisionBadge } from './components';
import { eventTypeCounts } from './csv';
import { formatBytes, formatTime, typeCounts } from './format';

export function CallList({ calls, label }: { calls: readonly StoredEvent[]; label: string }) {
  if (calls.length === 0) return <p class="muted">No calls.</p>;
  return (
    <ol class="calls" aria-label={label}>
      {calls.map((call) => {
        const types = typeCounts(eventTypeCounts(call));
        return (
          <li key={call.id} class="call" data-testid="call" data-decision={call.decision}>
            <div class="call-head">
              <time dateTime={call.timestamp}>{formatTime(call.ts)}</time>
              <span>
                {call.destination.provider}
                {call.destination.model && <span class="muted"> · {call.destination.model}</span>}
              </span>
              <DecisionBadge decision={call.decision} />
            </div>
            <div class="call-meta muted">
              {formatBytes(call.request.bytes)} sent
              {types ? (
                <>
                  {' · '}
                  <span data-testid="call-findings">{types}</span>
                </>
              ) : (
                ' · no findings'
              )}
              {call.error && call.error.kind !== 'blocked' && <> · error: {call.error.kind}</>}
              {call.notice && (
                <>
                  {' · '}
                  <span data-testid="call-notice">
                    {call.notice.action} notice, {call.notice.outcome}
                  </span>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
