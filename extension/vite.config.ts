/**
 * Builds the extension. crxjs reads the manifest and bundles what it names (worker, content
 * script, popup, options); the dashboard is opened by URL, so it is listed as an extra page.
 * - `vite build` (`npm run build`): the demo build in `extension/dist/`, for Chromium, trusting the
 *   demo's localhost origins; the demo and the end-to-end tests load it unpacked.
 * - `vite build --mode release` (`npm run package`, scripts/package-extension.ts): the build
 *   employees get, trusting no origin until IT or the employee lists one, in
 *   `extension/release/chromium/` (Chrome, Edge) or, with `OUTFLOW_BROWSER=firefox`,
 *   `extension/release/firefox/`.
 */
import { defineConfig } from 'vite';
import { crx, type CrxPlugin } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { outflowManifest, type TargetBrowser } from './manifest.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * crxjs makes scripts imported with `?iife` web-accessible to every http(s) page, for content
 * scripts that inject them. Ours is only registered through `scripting.registerContentScripts`,
 * which needs no such access; leaving it would let any site detect the extension by URL.
 */
function noWebAccessibleBridge(): CrxPlugin {
  return {
    name: 'outflow:no-web-accessible-bridge',
    enforce: 'post',
    renderCrxManifest(manifest) {
      const resources = (manifest.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((file) => !file.includes('content/bridge')) }))
        .filter((entry) => entry.resources.length > 0);
      if (resources.length > 0) manifest.web_accessible_resources = resources;
      else delete manifest.web_accessible_resources;
      return manifest;
    },
  };
}

export default defineConfig(({ mode }) => {
  const release = mode === 'release';
  const browser: TargetBrowser = process.env.OUTFLOW_BROWSER === 'firefox' ? 'firefox' : 'chrome';
  return {
    root,
    plugins: [preact(), crx({ manifest: outflowManifest(browser), browser }), noWebAccessibleBridge()],
    define: { 'import.meta.env.OUTFLOW_RELEASE': JSON.stringify(release) },
    // `@outflow/sdk` is the SDK's source here (the `paths` of the root tsconfig.json): no SDK build needed.
    resolve: { tsconfigPaths: true },
    build: {
      outDir: release ? `release/${browser === 'firefox' ? 'firefox' : 'chromium'}` : 'dist',
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      rollupOptions: {
        input: {
          dashboard: fileURLToPath(new URL('src/ui/dashboard/index.html', import.meta.url)),
        },
      },
    },
  };
});
