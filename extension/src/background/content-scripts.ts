/// <reference types="@crxjs/vite-plugin/client" />
/**
 * The bridge on origins beyond the built-in ones: registered dynamically for every listed origin
 * whose host permission the browser has granted (the employee grants it in the options page; IT
 * can grant it by policy). Re-synced whenever settings or permissions change.
 */
import browser from 'webextension-polyfill';
// crxjs builds the content script and gives its output file name (see docs/extension.md).
import bridgeScript from '../content/bridge.iife?iife';
import type { Settings } from '../messages';
import { isBuiltinOrigin, matchPatternOf } from './origins';
import { getSettings, listedOrigins } from './settings';

const SCRIPT_ID = 'outflow-bridge-listed-origins';

/** Match patterns of the listed origins the extension holds a host permission for. */
export async function grantedPatterns(settings: Settings): Promise<string[]> {
  const patterns = [...new Set(listedOrigins(settings).filter((origin) => !isBuiltinOrigin(origin)).map(matchPatternOf))];
  const granted = await Promise.all(patterns.map((pattern) => browser.permissions.contains({ origins: [pattern] })));
  return patterns.filter((_, i) => granted[i]);
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Brings the registration in line with the current settings and permissions. Syncs run one after
 * another, each reading the settings when it starts: an options change and the permission event
 * it causes would otherwise interleave their unregister/register calls, and a stale one could
 * finish last.
 */
export function syncContentScripts(): Promise<void> {
  const run = async () => {
    const matches = await grantedPatterns(await getSettings());
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (matches.length === 0) return;
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches, js: [bridgeScript], runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
    ]);
  };
  syncing = syncing.then(run, run);
  return syncing;
}
