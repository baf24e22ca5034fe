/**
 * The action badge: how many sensitive findings the tab's current session sent. Tab-specific
 * badge text, so each tab shows its own count.
 */
import browser from 'webextension-polyfill';
import type { SessionSummary } from '../messages';

export function findingTotal(session: Pick<SessionSummary, 'findingsByType'>): number {
  return Object.values(session.findingsByType).reduce((sum, count) => sum + count, 0);
}

export function badgeText(total: number): string {
  return total === 0 ? '' : total > 999 ? '999+' : String(total);
}

export async function showTabBadge(tabId: number, session: Pick<SessionSummary, 'findingsByType'> | undefined): Promise<void> {
  const total = session ? findingTotal(session) : 0;
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
  await browser.action.setBadgeText({ tabId, text: badgeText(total) });
}
