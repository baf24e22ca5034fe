/**
 * Builds the unpacked extension into `extension/dist/` (`npm run build --workspace extension`).
 * crxjs reads the manifest and bundles what it names (worker, content script, popup, options);
 * the dashboard is opened by URL, so it is listed as an extra page.
 */
import { defineConfig } from 'vite';
import { crx, type CrxPlugin } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import manifest from './manifest.config.ts';

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

export default defineConfig({
  root,
  plugins: [preact(), crx({ manifest }), noWebAccessibleBridge()],
  // `@outflow/sdk` is the SDK's source here (the `paths` of the root tsconfig.json): no SDK build needed.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    rollupOptions: {
      input: {
        dashboard: fileURLToPath(new URL('src/ui/dashboard/index.html', import.meta.url)),
      },
    },
  },
});
