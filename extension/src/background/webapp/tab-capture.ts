/** What the popup shows about capture on a tab of one of the AI web apps: from the tab's own state. */
import type { TabCapture } from '../../messages';
import { siteById } from '../../sites/index';
import { readTabState } from './tab-state';

export async function tabCapture(tabId: number): Promise<TabCapture | null> {
  const tab = await readTabState(tabId);
  const site = tab ? siteById(tab.app) : undefined;
  if (!tab || !site) return null;
  const problems = Object.values(tab.problems).reduce((sum, count) => sum + (count ?? 0), 0);
  return {
    app: site.wire.app,
    name: site.name,
    version: tab.version,
    status: problems > 0 ? 'degraded' : 'ok',
    problems: tab.problems,
    parsed: tab.parsed,
    ...(tab.account === undefined ? {} : { account: tab.account }),
  };
}
