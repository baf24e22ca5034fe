/**
 * The extension's manifest (crxjs `defineManifest`): the fewest permissions that work.
 * - `storage`: settings, the managed (IT) settings and the tab → session map.
 * - `alarms`: retention runs while the worker is asleep. `scripting`: the bridge on added origins.
 * - host access only to the demo's localhost, and only in the demo build (`vite build`, the default
 *   mode); the release build (`--mode release`, `npm run package`) asks for none: other origins
 *   are optional, asked for one at a time or granted by IT.
 *
 * One source, two browsers (`OUTFLOW_BROWSER=firefox` for Firefox, see vite.config.ts): Chromium
 * gets a background service worker and the `key` that fixes its ID; Firefox gets a background
 * event page (`background.scripts`, its MV3 form) and `browser_specific_settings.gecko`.
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { CHROMIUM_PUBLIC_KEY, GECKO_ID } from './identity.ts';
import { DEMO_ORIGIN_PATTERNS } from './src/background/origins.ts';

export type TargetBrowser = 'chrome' | 'firefox';

/**
 * Firefox 140 (an ESR) is the first to read `data_collection_permissions`, which addons.mozilla.org
 * requires of new add-ons (web-ext lint checks each key against this); Firefox for Android, 142.
 */
export const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export function outflowManifest(browser: TargetBrowser) {
  return defineManifest(({ mode }) => {
    const bridgeMatches = mode === 'release' ? [] : [...DEMO_ORIGIN_PATTERNS];
    const background = 'src/background/index.ts';
    return {
      manifest_version: 3,
      name: 'Outflow',
      description: 'See what sensitive data your internal apps send to AI providers. Stored only on this device.',
      version: pkg.version,
      action: {
        default_title: 'Outflow: AI data flows of this tab',
        default_popup: 'src/ui/popup/index.html',
      },
      options_ui: { page: 'src/ui/options/index.html', open_in_tab: true },
      background: browser === 'firefox' ? { scripts: [background], type: 'module' as const } : { service_worker: background, type: 'module' as const },
      ...(bridgeMatches.length === 0
        ? {}
        : {
            content_scripts: [{ matches: bridgeMatches, js: ['src/content/bridge.iife.ts'], run_at: 'document_start' as const, all_frames: false }],
            host_permissions: bridgeMatches,
          }),
      permissions: ['storage', 'alarms', 'scripting'],
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              // Outflow sends nothing anywhere: everything it records stays in the browser's storage.
              gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none' as const] } },
              // (Not in crxjs's manifest type, hence the spread.)
              ...{ gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION } },
            },
          }
        : // Firefox reads managed settings from policies.json without a schema; Chromium needs one.
          { key: CHROMIUM_PUBLIC_KEY, storage: { managed_schema: 'managed_schema.json' } }),
    };
  });
}

export default outflowManifest('chrome');
