/**
 * The extension's manifest (crxjs `defineManifest`): the fewest permissions that work.
 * - `storage`: settings, the managed (IT) settings and the tab → session map.
 * - `alarms`: retention runs while the worker is asleep. `scripting`: the bridge on added origins.
 * - host access only to the demo's localhost; other origins are optional, asked for one at a time.
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export const BRIDGE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineManifest({
  manifest_version: 3,
  name: 'Outflow',
  description: 'See what sensitive data your internal apps send to AI providers. Stored only on this device.',
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
  ],
  permissions: ['storage', 'alarms', 'scripting'],
  host_permissions: BRIDGE_MATCHES,
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  storage: { managed_schema: 'managed_schema.json' },
});
