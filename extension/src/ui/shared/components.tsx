/** Small pieces both the popup and the dashboard show the same way. */
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Decision } from '@outflow/sdk/schema';
import { byCountDesc, formatCount } from './format';

const DECISION_TEXT: Record<Decision, string> = { allowed: 'Allowed', redacted: 'Redacted', blocked: 'Blocked' };

export function DecisionBadge({ decision }: { decision: Decision }) {
  return <span class={`badge badge-${decision}`}>{DECISION_TEXT[decision]}</span>;
}

/** A headline number with its label: "3 calls". `testId` lets tests read the number alone. */
export function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div class="stat">
      <span class="stat-value" data-testid={testId}>
        {value}
      </span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

/**
 * Findings by type, with their masked samples. One row per type; `data-type` and the count's
 * `data-testid` let tests (and reviewers' scripts) read exact numbers.
 */
export function FindingsTable({
  findingsByType,
  samplesByType,
  caption,
}: {
  findingsByType: Record<string, number>;
  samplesByType?: Record<string, string[]>;
  caption: string;
}) {
  const rows = byCountDesc(findingsByType);
  if (rows.length === 0) return <p class="muted" data-testid="no-findings">No sensitive data found.</p>;
  return (
    <table class="findings" data-testid="findings-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col" class="num">Count</th>
          {samplesByType && <th scope="col">Masked samples</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(([type, count]) => (
          <tr key={type} data-type={type}>
            <th scope="row">
              <code>{type}</code>
            </th>
            <td class="num" data-testid={`finding-count-${type}`}>
              {formatCount(count)}
            </td>
            {samplesByType && (
              <td class="samples">
                {(samplesByType[type] ?? []).map((sample) => (
                  <code key={sample} class="sample">
                    {sample}
                  </code>
                ))}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An error the user should read: announced by screen readers as soon as it appears. */
export function ErrorNotice({ message, testId = 'error' }: { message: string; testId?: string }) {
  return (
    <p role="alert" class="error" data-testid={testId}>
      {message}
    </p>
  );
}

/**
 * A modal confirmation on the native `<dialog>`: focus moves into it, Escape cancels, and the
 * destructive button names exactly what it deletes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onCancel={onCancel} onClose={() => open && onCancel()} class="confirm">
      <h2 id="confirm-title">{title}</h2>
      <div>{children}</div>
      <div class="actions">
        <button type="button" onClick={onCancel} autofocus>
          Cancel
        </button>
        <button type="button" class="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
