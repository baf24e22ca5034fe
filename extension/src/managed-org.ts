/** Reads the organisation's managed settings (see org-settings.ts) from `storage.managed`. */
import browser from 'webextension-polyfill';
import { orgSettingsFrom, type OrgSettings } from './org-settings';

export async function readOrgSettings(): Promise<OrgSettings> {
  try {
    return orgSettingsFrom(await browser.storage.managed.get(['export', 'fingerprintKey']));
  } catch {
    // Firefox throws when no managed settings are installed: nothing is managed then.
    return orgSettingsFrom({});
  }
}
