/**
 * The dashboard's app view: every AI app the extension reads and every other AI app visited, with
 * IT's tag, visits, accounts seen, what was recorded in it (from the session aggregates of its
 * web-app sessions) and its capture health by adapter version.
 */
import type { AppRow, AppTag, CaptureHealth } from '../messages';
import { AI_APPS } from '../discovery/ai-apps';
import type { OutflowDb } from './db';

export async function appRows(db: OutflowDb, tags: Readonly<Record<string, AppTag>>, degraded: (row: CaptureHealth) => boolean): Promise<AppRow[]> {
  const [visits, health] = await Promise.all([db.aiApps.toArray(), db.health.toArray()]);
  const byDomain = new Map(visits.map((row) => [row.domain, row]));
  const read = AI_APPS.filter((entry) => entry.app !== undefined);
  const domains = [...new Set([...read.map((entry) => entry.domain), ...visits.map((row) => row.domain)])];
  const rows: AppRow[] = [];
  for (const domain of domains) {
    const entry = AI_APPS.find((candidate) => candidate.domain === domain);
    const visited = byDomain.get(domain);
    const app = entry?.app ?? visited?.app;
    const sessions = app === undefined ? [] : await db.sessions.where('app').equals(app).filter((session) => session.kind === 'web-app').toArray();
    const appHealth = app === undefined ? [] : health.filter((row) => row.app === app).sort((a, b) => b.version.localeCompare(a.version));
    const row: AppRow = {
      domain,
      name: entry?.name ?? visited?.name ?? domain,
      visits: visited?.visits ?? 0,
      accounts: visited?.accounts ?? { work: 0, personal: 0 },
      calls: sessions.reduce((sum, session) => sum + session.calls, 0),
      findings: sessions.reduce((sum, session) => sum + Object.values(session.findingsByType).reduce((a, b) => a + b, 0), 0),
      decisions: {
        allowed: sessions.reduce((sum, session) => sum + session.decisions.allowed, 0),
        redacted: sessions.reduce((sum, session) => sum + session.decisions.redacted, 0),
        blocked: sessions.reduce((sum, session) => sum + session.decisions.blocked, 0),
      },
      health: appHealth,
      ...(app === undefined ? {} : { app, status: appHealth.some(degraded) ? 'degraded' : 'ok' }),
      ...(tags[domain] === undefined ? {} : { tag: tags[domain] }),
      ...(visited === undefined ? {} : { firstSeen: visited.firstSeen, lastSeen: visited.lastSeen }),
      ...(visited?.lastAccount === undefined ? {} : { lastAccount: visited.lastAccount }),
    };
    rows.push(row);
  }
  // The apps the extension reads first, then the others by visits.
  return rows.sort((a, b) => Number(b.app !== undefined) - Number(a.app !== undefined) || b.visits - a.visits || a.name.localeCompare(b.name));
}
