/**
 * The published build of `@outflow/sdk` (`npm run build --workspace sdk`, and `prepack`):
 * ESM and CommonJS JavaScript with bundled declarations (`.d.ts` / `.d.cts`) for each public
 * entry, and the `outflow` command as one ESM file. tsdown (rolldown, the bundler Vite 8 uses to
 * build the extension and the demo) bundles the declarations too, so consumers never compile our
 * sources; 0.21 is the last line that runs on Node 20. See docs/sdk.md, "The published package".
 */
import ts from 'typescript';
import { defineConfig, type Rolldown, type UserConfig } from 'tsdown';

/**
 * Each built-in detector carries its must-match and must-not-match examples: test data, which
 * test/unit/detect/examples.test.ts runs against the sources. The published build empties them
 * (`{ match: [], noMatch: [] }`, the same type), so no app ships them: 3.3 KB of the browser
 * bundle's gzip. The detectors themselves are untouched; the packaging test checks both.
 */
function dropDetectorExamples(): Rolldown.Plugin {
  return {
    name: 'outflow:drop-detector-examples',
    transform: {
      filter: { id: /[\\/]src[\\/]detect[\\/]detectors[\\/][^\\/]+\.ts$/ },
      handler(code, id) {
        const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        const spans: [number, number][] = [];
        const visit = (node: ts.Node): void => {
          if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'examples' && ts.isObjectLiteralExpression(node.initializer)) {
            spans.push([node.initializer.getStart(source), node.initializer.end]);
          } else {
            ts.forEachChild(node, visit);
          }
        };
        visit(source);
        let out = code;
        for (const [start, end] of spans.reverse()) out = `${out.slice(0, start)}{ match: [], noMatch: [] }${out.slice(end)}`;
        return spans.length > 0 ? { code: out } : null;
      },
    },
  };
}

/**
 * `emitDtsOnly` still writes the CommonJS build's shared JavaScript chunks (tsdown 0.21); the
 * JavaScript comes from the unbundled build, so anything but a declaration is dropped here.
 */
function declarationsOnly(): Rolldown.Plugin {
  return {
    name: 'outflow:declarations-only',
    generateBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) if (!/\.d\.c?ts$/.test(fileName)) delete bundle[fileName];
    },
  };
}

const shared: UserConfig = {
  platform: 'neutral',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // Node's built-ins stay imports; only `@outflow/sdk/node` and the CLI use them.
  external: [/^node:/],
  // Declarations take most of the build's time; that is expected, not worth a warning.
  checks: { pluginTimings: false },
  plugins: [dropDetectorExamples()],
};

const PUBLIC_ENTRIES = { index: 'src/index.ts', node: 'src/node.ts', schema: 'src/schema.ts' };

export default defineConfig([
  {
    ...shared,
    // One JavaScript file per module, as `openai` ships: an app's bundler then sees the module
    // graph, drops what the app does not use, and splits the detection engine (loaded by
    // `createOutflow` with its first call, intercept/deferred-scanner.ts) into its own chunk. A
    // bundled file would join it to the entry, since the entry re-exports `scan`.
    entry: PUBLIC_ENTRIES,
    format: ['esm', 'cjs'],
    unbundle: true,
    dts: false,
  },
  {
    ...shared,
    // The declarations, bundled per entry (`.d.ts` and `.d.cts`).
    entry: PUBLIC_ENTRIES,
    format: ['esm', 'cjs'],
    dts: { emitDtsOnly: true },
    plugins: [...(shared.plugins as Rolldown.Plugin[]), declarationsOnly()],
  },
  {
    ...shared,
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
  },
]);
