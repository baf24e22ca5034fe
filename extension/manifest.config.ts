/**
 * The extension's manifest (crxjs `defineManifest`): the fewest permissions that work.
 * - `storage`: settings, the managed (IT) settings and the tab → session map.
 * - `alarms`: retention runs while the worker is asleep. `scripting`: the bridge on added origins.
 * - `tabs`: the URL of each navigation, for shadow-AI discovery — only its host name is compared
 *   with the list of AI apps, and the URL is dropped. The least that works: without it a worker
 *   sees no URL of a site it has no host access to, and host access to every site is far broader.
 * - host access to the seven AI web apps the extension reads (their exact origins, nothing
 *   broader), and to the demo's localhost only in the demo build (`vite build`, the default mode);
 *   the release build (`--mode release`, `npm run package`) has no localhost access: other
 *   origins are optional, asked for one at a time or granted by IT.
 *
 * One source, two browsers (`OUTFLOW_BROWSER=firefox` for Firefox, see vite.config.ts): Chromium
 * gets a background service worker and the `key` that fixes its ID; Firefox gets a background
 * event page (`background.scripts`, its MV3 form) and `browser_specific_settings.gecko`.
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { CHROMIUM_PUBLIC_KEY, GECKO_ID } from './identity.ts';
import { DEMO_ORIGIN_PATTERNS } from './src/background/origins.ts';
import { SITE_WIRES } from './src/sites/wires.ts';

export type TargetBrowser = 'chrome' | 'firefox';

/**
 * Firefox 140 (an ESR) is the first to read `data_collection_permissions`, which addons.mozilla.org
 * requires of new add-ons (web-ext lint checks each key against this); Firefox for Android, 142.
 */
export const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

/** The seven AI web apps' origins: web-app capture runs there and nowhere else. */
export const WEB_APP_MATCHES = SITE_WIRES.map((site) => `${site.origin}/*`);

export function outflowManifest(browser: TargetBrowser) {
  return defineManifest(({ mode }) => {
    const bridgeMatches = mode === 'release' ? [] : [...DEMO_ORIGIN_PATTERNS];
    const background = 'src/background/index.ts';
    return {
      manifest_version: 3,
      name: 'Outflow',
      description: 'See, and govern, what sensitive data your internal apps and AI web apps send to AI providers. Stored only on this device.',
      version: pkg.version,
      action: {
        default_title: 'Outflow: AI data flows of this tab',
        default_popup: 'src/ui/popup/index.html',
      },
      options_ui: { page: 'src/ui/options/index.html', open_in_tab: true },
      background: browser === 'firefox' ? { scripts: [background], type: 'module' as const } : { service_worker: background, type: 'module' as const },
      content_scripts: [
        ...(bridgeMatches.length === 0 ? [] : [{ matches: bridgeMatches, js: ['src/content/bridge.iife.ts'], run_at: 'document_start' as const, all_frames: false }]),
        // Web-app capture: the page-world wrapper, then the content script it pairs with. Both are
        // standalone classic scripts, so both run before the page's first script.
        { matches: WEB_APP_MATCHES, js: ['src/injected/wire.iife.ts'], run_at: 'document_start' as const, world: 'MAIN' as const, all_frames: false },
        { matches: WEB_APP_MATCHES, js: ['src/content/webapp.iife.ts'], run_at: 'document_start' as const, all_frames: false },
      ],
      host_permissions: [...bridgeMatches, ...WEB_APP_MATCHES],
      permissions: ['storage', 'alarms', 'scripting', 'tabs'],
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
