/**
 * "Where did this value go?": the reviewer types a value (an e-mail, a card number, a key); its
 * fingerprints under the organisation key are computed here, in this page, exactly as the SDK
 * and `outflow clickhouse where` compute them (scanned first, so the detector's normalised form
 * is fingerprinted); only the fingerprints go to the background, which lists the stored events
 * that carried one. The value lives in this component's state only: never stored, never sent.
 */
import { useState } from 'preact/hooks';
import { fingerprintKeyId } from '@outflow/sdk/detect/fingerprint';
import { createScanner, type Scanner } from '@outflow/sdk/detect/scanner';
import { valueFingerprints, type ValueFingerprint } from '@outflow/sdk/detect/value-fingerprints';
import type { UiReplies } from '../../messages';
import { readOrgSettings } from '../../managed-org';
import { ask } from '../shared/client';
import { DecisionBadge, ErrorNotice } from '../shared/components';
import { formatShortDateTime, plural } from '../shared/format';

let scanner: Scanner | undefined;

type Result = { readAs: ValueFingerprint[]; keyId: string; found: UiReplies['dashboard.whereValue'] };

export function WherePanel({ onSelect }: { onSelect: (sessionKey: string) => void }) {
  const [value, setValue] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const search = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setResult(null);
    try {
      const org = await readOrgSettings();
      if (org.fingerprintKey === undefined) {
        throw new Error(
          org.problems.find((problem) => problem.startsWith('fingerprintKey')) ??
            'Your IT department has not set an organisation fingerprint key (fingerprintKey in managed storage), so values cannot be matched: each app fingerprints with a key of its own.',
        );
      }
      const readAs = valueFingerprints(value, org.fingerprintKey, (scanner ??= createScanner()));
      if (readAs.length === 0) throw new Error('Type a value to search for.');
      const keyId = fingerprintKeyId(org.fingerprintKey);
      const found = await ask({ type: 'dashboard.whereValue', fingerprints: readAs.map((f) => f.fingerprint), keyId });
      setResult({ readAs, keyId, found });
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="where" aria-labelledby="where-heading">
      <h2 id="where-heading">Where did this value go?</h2>
      <form onSubmit={(event) => void search(event)}>
        <label>
          Value
          <input
            type="text"
            name="where-value"
            autocomplete="off"
            spellcheck={false}
            value={value}
            onInput={(event) => setValue((event.target as HTMLInputElement).value)}
            required
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      <p class="muted">Its fingerprint is computed on this page with your organisation's key; the value is not stored or sent anywhere.</p>
      {error && <ErrorNotice message={error} testId="where-error" />}
      {result && (
        <div data-testid="where-result">
          <p>
            Read as {result.readAs.map((f) => f.type).join(', ')} (key {result.keyId}):{' '}
            <span data-testid="where-count">{result.found.rows.length === 0 ? 'no stored event carried it' : plural(result.found.rows.length, 'event')}</span>
            {result.found.truncated && ' (the newest shown; there are more)'} among {plural(result.found.searchedEvents, 'stored event')}.
          </p>
          {result.found.rows.length > 0 && (
            <table class="where-rows">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">App</th>
                  <th scope="col">Origin</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {result.found.rows.map((row) => (
                  <tr key={row.eventId} data-testid="where-row" data-event-id={row.eventId}>
                    <td class="nowrap">
                      <button type="button" class="link" onClick={() => onSelect(row.sessionKey)}>
                        {formatShortDateTime(row.ts)}
                      </button>
                    </td>
                    <td>{row.app}</td>
                    <td>{row.origin}</td>
                    <td>{row.provider}</td>
                    <td>
                      <DecisionBadge decision={row.decision} /> <span class="chip">{row.type}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
