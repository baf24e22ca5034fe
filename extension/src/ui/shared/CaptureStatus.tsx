/**
 * Capture on an AI web app's tab, said plainly: working, or degraded with what went wrong (never
 * a silent green), and the kind of account signed in when the page showed it.
 */
import type { CaptureProblem, TabCapture } from '../../messages';
import { plural } from './format';

/** What each capture problem means for the employee and the reviewer. */
export const PROBLEM_TEXT: Record<CaptureProblem, (app: string) => string> = {
  unparsed: (app) => `a request that looks like a send to ${app} could not be read by the adapter (its strings were still scanned)`,
  'composer-missing': (app) => `${app}'s message box was not found on the page, so pastes and files are not checked`,
  'wire-silent': (app) => `a message was sent in ${app} but no request for it was seen`,
  'wire-missing': () => 'the request watcher did not start on this page',
  'wrapper-failure': () => 'the request watcher failed on a request and let it through unchecked',
};

export function problemList(app: string, problems: TabCapture['problems']): string[] {
  return (Object.entries(problems) as [CaptureProblem, number][])
    .filter(([, count]) => count > 0)
    .map(([problem, count]) => `${PROBLEM_TEXT[problem](app)}${count > 1 ? ` (${count} times)` : ''}`);
}

export function CaptureStatus({ capture }: { capture: TabCapture }) {
  const degraded = capture.status === 'degraded';
  const problems = problemList(capture.name, capture.problems);
  return (
    <section class={`capture capture-${capture.status}`} data-testid="capture-status" data-status={capture.status} aria-labelledby="capture-heading">
      <h2 id="capture-heading">{degraded ? `Capture degraded on ${capture.name}` : `Outflow reads ${capture.name} on this tab`}</h2>
      {degraded ? (
        <>
          <p>Some of what this tab sends may not be recorded:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">{capture.parsed === 0 ? 'Watching: nothing sent on this page yet.' : `Capture working: ${plural(capture.parsed, 'request')} read on this page.`}</p>
      )}
      <p class="muted">
        Adapter version {capture.version}
        {capture.account && (
          <>
            {' · '}
            <span data-testid="account-kind" data-account={capture.account}>
              signed in with a {capture.account} account
            </span>
          </>
        )}
      </p>
    </section>
  );
}
