/**
 * Capture health, never silent: per adapter version, how many requests were read and which
 * problems occurred (a send-like request the adapter could not read, no composer, a send with no
 * request seen, a wrapper that failed or never paired). The dashboard lists these rows; the popup
 * reads the tab's own problems from its tab state.
 */
import type { CaptureHealth, CaptureProblem } from '../../messages';
import { db } from '../../store/db';
import type { SiteAdapter } from '../../sites/types';

/** A problem this recent makes an app's capture `degraded` in the dashboard. */
export const DEGRADED_WINDOW_MS = 24 * 60 * 60 * 1000;

async function update(site: SiteAdapter, change: (row: CaptureHealth) => void): Promise<void> {
  const key = `${site.wire.app} ${site.version}`;
  await db().transaction('rw', db().health, async () => {
    const row = (await db().health.get(key)) ?? { key, app: site.wire.app, version: site.version, parsed: 0, problems: {} };
    change(row);
    await db().health.put(row);
  });
}

export function countParsed(site: SiteAdapter, at = Date.now()): Promise<void> {
  return update(site, (row) => {
    row.parsed += 1;
    row.lastParsedAt = at;
  });
}

export function countProblem(site: SiteAdapter, problem: CaptureProblem, at = Date.now()): Promise<void> {
  return update(site, (row) => {
    row.problems[problem] = (row.problems[problem] ?? 0) + 1;
    row.lastProblemAt = at;
    row.lastProblem = problem;
  });
}

export function isDegraded(row: Pick<CaptureHealth, 'lastProblemAt'>, now = Date.now()): boolean {
  return row.lastProblemAt !== undefined && now - row.lastProblemAt < DEGRADED_WINDOW_MS;
}
