/**
 * The service worker's entry. Listeners are registered synchronously at the top level, as MV3
 * requires for a worker woken by an event; the worker keeps no state in memory that matters.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { tabBadge } from './handlers';
import { MAINTENANCE_ALARM, runMaintenance, scheduleMaintenance } from './maintenance';
import { drainOrgExport, EXPORT_ALARM } from './org-export';
import { route } from './router';
import { syncContentScripts } from './content-scripts';
import { forgetTab } from './tab-sessions';
import { onTabClosed, onTabNavigated } from './webapp/navigation';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

const resync = () => syncContentScripts().catch((error: unknown) => console.warn('Outflow: could not register the bridge', error));

browser.runtime.onInstalled.addListener(() => {
  void scheduleMaintenance();
  void resync();
  void drainOrgExport();
});
browser.runtime.onStartup.addListener(() => {
  void scheduleMaintenance();
  void runMaintenance();
  // Events queued before the browser closed (or the laptop went offline) go out now.
  void drainOrgExport();
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === MAINTENANCE_ALARM) void runMaintenance();
  if (alarm.name === EXPORT_ALARM) void drainOrgExport();
});

// IT changed the managed list or the export, or the employee revoked a host permission elsewhere.
browser.storage.onChanged.addListener((_changes, area) => {
  if (area !== 'managed') return;
  void resync();
  void drainOrgExport({ force: true });
});
browser.permissions.onRemoved.addListener(() => void resync());
browser.permissions.onAdded.addListener(() => void resync());

// Navigation clears a tab's badge; put the session's count back once the page has loaded.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'complete') void tabBadge(tabId).catch(() => undefined);
  // With the `tabs` permission every navigation names its URL: counted if it reaches an AI app.
  if (change.url !== undefined) void onTabNavigated(tabId, change.url).catch(() => undefined);
});
browser.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
  void onTabClosed(tabId);
});
