/**
 * Builds the demo internal app ("Acme Support Copilot") into `examples/internal-app/dist`.
 * Root `npm run build:demo`; served by `scripts/demo.ts` and the end-to-end tests.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // `@outflow/sdk` is the SDK's source here (the `paths` of the root tsconfig.json): no SDK build needed.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Readable output: this is a demo people open in devtools to see the SDK at work.
    minify: false,
    sourcemap: true,
  },
});
