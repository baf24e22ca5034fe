/**
 * The published build of `@outflow/sdk` (`npm run build --workspace sdk`, and `prepack`):
 * ESM and CommonJS JavaScript with bundled declarations (`.d.ts` / `.d.cts`) for each public
 * entry, and the `outflow` command as one ESM file. tsdown (rolldown, the bundler Vite 8 uses to
 * build the extension and the demo) bundles the declarations too, so consumers never compile our
 * sources; 0.21 is the last line that runs on Node 20. See docs/sdk.md, "The published package".
 */
import { defineConfig, type UserConfig } from 'tsdown';

const shared: UserConfig = {
  platform: 'neutral',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // Node's built-ins stay imports; only `@outflow/sdk/node` and the CLI use them.
  external: [/^node:/],
  // Declarations take most of the build's time; that is expected, not worth a warning.
  checks: { pluginTimings: false },
};

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', node: 'src/node.ts', schema: 'src/schema.ts' },
    format: ['esm', 'cjs'],
    dts: true,
  },
  {
    ...shared,
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
  },
]);
