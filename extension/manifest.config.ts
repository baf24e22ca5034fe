/**
 * The extension's manifest (crxjs `defineManifest`): the fewest permissions that work.
 * - `storage`: settings, the managed (IT) settings and the tab → session map.
 * - `alarms`: retention runs while the worker is asleep. `scripting`: the bridge on added origins.
 * - `tabs`: the URL of each navigation, for shadow-AI discovery — only its host name is compared
 *   with the list of AI apps, and the URL is dropped. The least that works: without it a worker
 *   sees no URL of a site it has no host access to, and host access to every site is far broader.
 * - host access to the demo's localhost and to the seven AI web apps the extension reads (their
 *   exact origins, nothing broader); other origins are optional, asked for one at a time.
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { SITE_WIRES } from './src/sites/wires';

export const BRIDGE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];
/** The seven AI web apps' origins: web-app capture runs there and nowhere else. */
export const WEB_APP_MATCHES = SITE_WIRES.map((site) => `${site.origin}/*`);

export default defineManifest({
  manifest_version: 3,
  name: 'Outflow',
  description: 'See, and govern, what sensitive data your internal apps and AI web apps send to AI providers. Stored only on this device.',
  version: pkg.version,
  action: {
    default_title: 'Outflow: AI data flows of this tab',
    default_popup: 'src/ui/popup/index.html',
  },
  options_ui: { page: 'src/ui/options/index.html', open_in_tab: true },
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  content_scripts: [
    {
      matches: BRIDGE_MATCHES,
      js: ['src/content/bridge.iife.ts'],
      run_at: 'document_start',
      all_frames: false,
    },
    // Web-app capture: the page-world wrapper, then the content script it pairs with. Both are
    // standalone classic scripts, so both run before the page's first script.
    {
      matches: WEB_APP_MATCHES,
      js: ['src/injected/wire.iife.ts'],
      run_at: 'document_start',
      world: 'MAIN',
      all_frames: false,
    },
    {
      matches: WEB_APP_MATCHES,
      js: ['src/content/webapp.iife.ts'],
      run_at: 'document_start',
      all_frames: false,
    },
  ],
  permissions: ['storage', 'alarms', 'scripting', 'tabs'],
  host_permissions: [...BRIDGE_MATCHES, ...WEB_APP_MATCHES],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  storage: { managed_schema: 'managed_schema.json' },
});
