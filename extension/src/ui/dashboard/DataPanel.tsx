/**
 * Export (JSON for re-import, CSV for spreadsheets), import, and delete everything. Errors from
 * the background (a tampered or foreign import file) are shown verbatim: they are written for
 * the person who picked the file.
 */
import { useState } from 'preact/hooks';
import type { SessionFilter } from '../../messages';
import { ask } from '../shared/client';
import { ConfirmDialog, ErrorNotice } from '../shared/components';
import { eventsToCsv } from '../shared/csv';
import { downloadText, timestampedName } from '../shared/download';
import { plural } from '../shared/format';
import { exportedEvents } from './export-doc';

type Outcome = { kind: 'done'; message: string } | { kind: 'error'; message: string } | null;

export function DataPanel({ filter, onChanged }: { filter: SessionFilter; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const filtered = Object.keys(filter).length > 0;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', message: await action() });
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const exportJson = () =>
    run(async () => {
      const doc = await ask({ type: 'data.export', ...(filtered ? { filter } : {}) });
      downloadText(timestampedName('outflow-export', 'json'), JSON.stringify(doc, null, 2), 'application/json');
      return `Exported ${plural(exportedEvents(doc).length, 'call')} as JSON.`;
    });

  const exportCsv = () =>
    run(async () => {
      const events = exportedEvents(await ask({ type: 'data.export', ...(filtered ? { filter } : {}) }));
      downloadText(timestampedName('outflow-calls', 'csv'), eventsToCsv(events), 'text/csv');
      return `Exported ${plural(events.length, 'call')} as CSV.`;
    });

  const importFile = (file: File) =>
    run(async () => {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} was not imported: it is not JSON. Choose a file exported by Outflow's dashboard.`);
      }
      const result = await ask({ type: 'data.import', doc }).catch((error: unknown) => {
        throw new Error(`${file.name} was not imported: ${error instanceof Error ? error.message : String(error)}`);
      });
      onChanged();
      const skipped = result.skippedExisting > 0 ? ` (${plural(result.skippedExisting, 'call')} already stored, skipped)` : '';
      return `Imported ${plural(result.sessions, 'session')} and ${plural(result.events, 'call')}${skipped}.`;
    });

  const deleteAll = () =>
    run(async () => {
      setConfirming(false);
      const result = await ask({ type: 'data.deleteAll' });
      onChanged();
      return `Deleted everything: ${plural(result.deletedEvents, 'recorded call')}.`;
    });

  return (
    <section class="data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <div class="data-actions">
        <button type="button" onClick={() => void exportJson()} disabled={busy}>
          Export JSON{filtered ? ' (filtered)' : ''}
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={busy}>
          Export CSV{filtered ? ' (filtered)' : ''}
        </button>
        <label class="button">
          Import JSON…
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            data-testid="import-file"
            disabled={busy}
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        <button type="button" class="danger" onClick={() => setConfirming(true)} disabled={busy}>
          Delete all data…
        </button>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'done' && (
          <p class="notice" data-testid="data-result">
            {outcome.message}
          </p>
        )}
      </div>
      {outcome?.kind === 'error' && <ErrorNotice message={outcome.message} testId="data-error" />}
      <ConfirmDialog
        open={confirming}
        title="Delete all Outflow data?"
        confirmLabel="Delete everything"
        onConfirm={() => void deleteAll()}
        onCancel={() => setConfirming(false)}
      >
        <p>This removes every recorded session and call from this browser. It cannot be undone; export first if you need a copy.</p>
      </ConfirmDialog>
    </section>
  );
}
