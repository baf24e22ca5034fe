/**
 * Options: where the bridge runs (built-in, added by the employee, set by IT), how long data is
 * kept and how much, and what the bridge refused. IT-managed values are shown read-only and win.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Diagnostics, Settings } from '../../messages';
import { ask } from '../shared/client';
import { formatCount, formatDateTime } from '../shared/format';
import { OrgExportSection } from './OrgExportSection';
import { hasOrigin, releaseOrigin, requestOrigin } from './permissions';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });

  const refresh = async () => {
    const [nextSettings, nextDiagnostics] = await Promise.all([ask({ type: 'settings.get' }), ask({ type: 'diagnostics.get' })]);
    setSettings(nextSettings);
    setDiagnostics(nextDiagnostics);
  };
  useEffect(() => {
    const failed = (error: unknown) => setStatus({ text: String(error), error: true });
    refresh().catch(failed);
    // IT's values can arrive after the page opened (the policy loads after a fresh force-install): show them when they do.
    const onStorageChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') refresh().catch(failed);
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    return () => browser.storage.onChanged.removeListener(onStorageChanged);
  }, []);

  const report = (text: string, error = false) => setStatus({ text, error });

  if (!settings) {
    return (
      <main>
        <h1>Outflow options</h1>
        <p role="status" class={status.error ? 'error' : 'muted'}>{status.text || 'Loading…'}</p>
      </main>
    );
  }
  const managedKey = JSON.stringify(settings.managed);
  return (
    <main>
      <h1>Outflow options</h1>
      <p role="status" aria-live="polite" data-testid="options-status" class={status.error ? 'error' : 'muted'}>
        {status.text}
      </p>
      <OriginsSection settings={settings} onChange={setSettings} report={report} />
      {/* These keep an editable copy of the settings: IT's values arriving later start them afresh (they win anyway). */}
      <PolicySection key={managedKey} settings={settings} onChange={setSettings} report={report} />
      <OrgDomainsSection key={managedKey} settings={settings} onChange={setSettings} report={report} />
      <StorageSection key={managedKey} settings={settings} onSaved={() => void refresh()} report={report} />
      <OrgExportSection />
      {diagnostics && <DiagnosticsSection diagnostics={diagnostics} onRefresh={() => void refresh()} />}
    </main>
  );
}

interface SectionProps {
  settings: Settings;
  report: (text: string, error?: boolean) => void;
}

function OriginsSection({ settings, onChange, report }: SectionProps & { onChange: (s: Settings) => void }) {
  const [input, setInput] = useState('');
  const [missing, setMissing] = useState<string[]>([]);

  // IT-listed origins only work once the browser grants host access; say so when it has not.
  useEffect(() => {
    void Promise.all(settings.managed.allowedOrigins.map(async (origin) => ((await hasOrigin(origin)) ? [] : [origin]))).then((lists) =>
      setMissing(lists.flat()),
    );
  }, [settings.managed.allowedOrigins.join(' ')]);

  const add = async (event: Event) => {
    event.preventDefault();
    // The permission prompt first: it needs the click's user gesture.
    const request = await requestOrigin(input);
    if ('error' in request) return report(request.error, true);
    if (!request.granted) return report(`Access to ${request.origin} was not granted; it was not added.`, true);
    try {
      onChange(await ask({ type: 'origins.add', origin: request.origin }));
      setInput('');
      report(`${request.origin} added. Reload its tabs for Outflow to see them.`);
    } catch (error) {
      report(error instanceof Error ? error.message : String(error), true);
    }
  };

  const remove = async (origin: string) => {
    try {
      const next = await ask({ type: 'origins.remove', origin });
      await releaseOrigin(origin, [...next.userOrigins, ...next.managed.allowedOrigins]);
      onChange(next);
      report(`${origin} removed.`);
    } catch (error) {
      report(error instanceof Error ? error.message : String(error), true);
    }
  };

  const grant = async (origin: string) => {
    const request = await requestOrigin(origin);
    if ('origin' in request && request.granted) setMissing((list) => list.filter((o) => o !== origin));
  };

  return (
    <section aria-labelledby="origins-title">
      <h2 id="origins-title">Allowed origins</h2>
      <p class="muted">Outflow listens only to internal apps on these origins. No other web page can send it data or read what it stored.</p>
      <ul class="origins" data-testid="origins-list">
        {settings.builtinOrigins.map((pattern) => (
          <li key={pattern}>
            <code>{pattern.replace('/*', '')}</code> <span class="tag">built in, any port</span>
          </li>
        ))}
        {settings.managed.allowedOrigins.map((origin) => (
          <li key={`managed ${origin}`} data-testid="managed-origin">
            <code>{origin}</code> <span class="tag">set by IT</span>
            {missing.includes(origin) && (
              <button type="button" onClick={() => void grant(origin)}>
                Grant access
              </button>
            )}
          </li>
        ))}
        {settings.userOrigins.map((origin) => (
          <li key={`user ${origin}`} data-testid="user-origin">
            <code>{origin}</code> <span class="tag">added by you</span>
            <button type="button" onClick={() => void remove(origin)} aria-label={`Remove ${origin}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={(event) => void add(event)}>
        <label>
          Add an origin
          <input
            type="text"
            name="origin"
            placeholder="https://support.example.com"
            value={input}
            onInput={(event) => setInput((event.target as HTMLInputElement).value)}
            required
          />
        </label>
        <button type="submit" class="primary">
          Add
        </button>
      </form>
    </section>
  );
}

const SOURCE_TEXT: Record<Settings['policySource'], string> = {
  default: 'No policy is set: everything is recorded, nothing is asked or stopped.',
  employee: 'Your own policy applies.',
  managed: 'Your IT department’s policy applies.',
  'managed+employee': 'Your IT department’s policy applies, with your stricter additions.',
};

/** The policy for the AI web apps: the same schema as the SDK's (see docs/sdk.md, "Policy"), as JSON. */
function PolicySection({ settings, onChange, report }: SectionProps & { onChange: (s: Settings) => void }) {
  const [text, setText] = useState(JSON.stringify(settings.employeePolicy ?? { defaultAction: 'log', rules: [] }, null, 2));
  const save = async (policy: unknown) => {
    try {
      onChange(await ask({ type: 'settings.setPolicy', policy }));
      report(policy === null ? 'Your policy was removed.' : 'Policy saved. Open AI app tabs pick it up at once.');
    } catch (error) {
      report(error instanceof Error ? error.message : String(error), true);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return report('The policy is not valid JSON.', true);
    }
    void save(parsed);
  };
  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">Policy in AI web apps</h2>
      <p class="muted">
        What happens when ChatGPT, Claude, Gemini, Copilot, Perplexity, DeepSeek or Le Chat is about to receive sensitive data: <code>log</code>,{' '}
        <code>warn</code> (continue or cancel), <code>justify</code> (continue with a reason), <code>redact</code> (placeholders instead) or{' '}
        <code>block</code>. <span data-testid="policy-source">{SOURCE_TEXT[settings.policySource]}</span>
      </p>
      {settings.managed.policy && (
        <details>
          <summary>Your IT department’s policy</summary>
          <pre data-testid="managed-policy">{JSON.stringify(settings.managed.policy, null, 2)}</pre>
        </details>
      )}
      {settings.policyEditable ? (
        <form onSubmit={submit}>
          <label for="policy-json">{settings.managed.policy ? 'Your stricter additions (JSON)' : 'Your policy (JSON)'}</label>
          <textarea id="policy-json" name="policy" rows={10} spellcheck={false} value={text} onInput={(event) => setText((event.target as HTMLTextAreaElement).value)} />
          <div class="row">
            <button type="submit" class="primary">
              Save policy
            </button>
            {settings.employeePolicy && (
              <button type="button" onClick={() => void save(null)}>
                Remove my policy
              </button>
            )}
          </div>
        </form>
      ) : (
        <p class="muted">Your IT department does not allow additions to its policy.</p>
      )}
    </section>
  );
}

/** The organisation's e-mail domains: an AI app account on one of them is a work account. */
function OrgDomainsSection({ settings, onChange, report }: SectionProps & { onChange: (s: Settings) => void }) {
  const managed = settings.managed.orgDomains !== undefined;
  const [text, setText] = useState(settings.orgDomains.join(', '));
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      onChange(await ask({ type: 'settings.setOrgDomains', domains: text.split(/[\s,]+/) }));
      report('Domains saved.');
    } catch (error) {
      report(error instanceof Error ? error.message : String(error), true);
    }
  };
  return (
    <section aria-labelledby="domains-title">
      <h2 id="domains-title">Work accounts</h2>
      <p class="muted">
        When an AI app shows which account is signed in, Outflow records whether its e-mail domain is one of these (a work account) or not (a
        personal account). The address itself is never kept. Without domains, nothing is recorded.
      </p>
      <form class="row" onSubmit={(event) => void save(event)}>
        <label>
          Organisation domains{managed && <span class="tag">set by IT</span>}
          <input type="text" name="orgDomains" placeholder="example.com, example.co.uk" value={text} readOnly={managed} aria-readonly={managed} onInput={(event) => setText((event.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary" disabled={managed}>
          Save
        </button>
      </form>
    </section>
  );
}

function StorageSection({ settings, onSaved, report }: SectionProps & { onSaved: () => void }) {
  const [retention, setRetention] = useState(String(settings.retentionDays));
  const [maxEvents, setMaxEvents] = useState(String(settings.maxEvents));
  const retentionManaged = settings.managed.retentionDays !== undefined;
  const capManaged = settings.managed.maxEvents !== undefined;

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await ask({
        type: 'settings.set',
        ...(retentionManaged ? {} : { retentionDays: Number(retention) }),
        ...(capManaged ? {} : { maxEvents: Number(maxEvents) }),
      });
      report('Saved. Older and excess events were removed.');
      onSaved();
    } catch (error) {
      report(error instanceof Error ? error.message : String(error), true);
    }
  };

  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">Stored data</h2>
      <p class="muted">Everything stays on this device. The oldest events are deleted first.</p>
      <form class="row" onSubmit={(event) => void save(event)}>
        <label>
          Keep events for (days){retentionManaged && <span class="tag">set by IT</span>}
          <input
            type="number"
            min={1}
            max={3650}
            required
            value={retention}
            readOnly={retentionManaged}
            aria-readonly={retentionManaged}
            onInput={(event) => setRetention((event.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Keep at most (events){capManaged && <span class="tag">set by IT</span>}
          <input
            type="number"
            min={1000}
            max={5000000}
            step={1000}
            required
            value={maxEvents}
            readOnly={capManaged}
            aria-readonly={capManaged}
            onInput={(event) => setMaxEvents((event.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" disabled={retentionManaged && capManaged}>
          Save
        </button>
      </form>
    </section>
  );
}

function DiagnosticsSection({ diagnostics, onRefresh }: { diagnostics: Diagnostics; onRefresh: () => void }) {
  const reasons = Object.entries(diagnostics.rejected).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p>
        <span data-testid="stored-events">{formatCount(diagnostics.storedEvents)}</span> events in{' '}
        <span data-testid="stored-sessions">{formatCount(diagnostics.storedSessions)}</span> sessions stored.
      </p>
      <h3>Messages refused</h3>
      {reasons.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table data-testid="rejected-table">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" class="num">Count</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map(([reason, count]) => (
              <tr key={reason}>
                <td>{reason}</td>
                <td class="num">{formatCount(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Events removed</h3>
      <p>
        By retention: <span data-testid="evicted-retention">{formatCount(diagnostics.evicted.retention)}</span>; by the storage limit:{' '}
        <span data-testid="evicted-cap">{formatCount(diagnostics.evicted.cap)}</span>
        {diagnostics.evicted.lastRunAt !== undefined && <> (last check {formatDateTime(diagnostics.evicted.lastRunAt)})</>}.
      </p>
      <button type="button" onClick={onRefresh}>
        Refresh
      </button>
    </section>
  );
}
