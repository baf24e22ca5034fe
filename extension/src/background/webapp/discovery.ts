/**
 * Shadow-AI discovery: visits to AI apps (the seven and the maintained list in
 * `discovery/ai-apps.ts`), counted from tab URLs — the host name is matched and the rest of the URL
 * dropped at once — and, where an app's own page names the signed-in account, whether it is a
 * work or a personal one (the address never reaches the extension; only its domain, compared with
 * the organisation's domains and then dropped).
 */
import type { AccountKind, AiAppVisits } from '../../messages';
import { db } from '../../store/db';
import { aiAppForHost, isOrgDomain, type AiAppEntry } from '../../discovery/ai-apps';
import type { WebAppSender } from './capture';
import { captureRuntime } from './runtime';
import { updateTabState } from './tab-state';

async function updateApp(entry: AiAppEntry, change: (row: AiAppVisits) => void, at = Date.now()): Promise<void> {
  await db().transaction('rw', db().aiApps, async () => {
    const row = (await db().aiApps.get(entry.domain)) ?? {
      domain: entry.domain,
      name: entry.name,
      ...(entry.app === undefined ? {} : { app: entry.app }),
      visits: 0,
      firstSeen: at,
      lastSeen: at,
      accounts: { work: 0, personal: 0 },
    };
    change(row);
    await db().aiApps.put(row);
  });
}

/** Counts a visit to an AI app: a tab that arrived at its domain (moving within it is not another visit). */
export async function recordVisit(hostname: string, at = Date.now()): Promise<void> {
  const entry = aiAppForHost(hostname);
  if (!entry) return;
  await updateApp(
    entry,
    (row) => {
      row.visits += 1;
      row.lastSeen = at;
    },
    at,
  );
}

/** The account kind of the signed-in employee, once per page load. Without the organisation's domains, nothing can be told. */
export async function recordAccount(domain: string, sender: WebAppSender): Promise<void> {
  const { orgDomains } = await captureRuntime();
  if (orgDomains.length === 0) return;
  const kind: AccountKind = isOrgDomain(domain, orgDomains) ? 'work' : 'personal';
  const changed = await updateTabState(sender.tabId, { id: sender.site.wire.app, version: sender.site.version }, (tab) => {
    const before = tab.account;
    tab.account = kind;
    return before !== kind;
  });
  const entry = aiAppForHost(new URL(sender.site.wire.origin).hostname);
  if (!changed || !entry) return;
  await updateApp(entry, (row) => {
    row.accounts[kind] += 1;
    row.lastAccount = kind;
  });
}
