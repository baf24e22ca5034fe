/**
 * Loads a module of the SDK as it ships: bundled into one ESM file by esbuild, as an app's
 * bundler (vite, webpack) or the extension's build delivers it. Under the dev loader (tsx) every
 * call into another module goes through a getter that V8 does not inline, so the sources run
 * slower there than anywhere a user meets them. The bundle is written to a temporary folder and
 * removed once imported.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `entry` is relative to the repository root, e.g. `sdk/src/index.ts`. */
export async function importShipped<T>(entry: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-bench-'));
  try {
    const outfile = join(dir, 'bundle.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile,
      logLevel: 'silent',
    });
    return (await import(pathToFileURL(outfile).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
