/**
 * `npm run bench`: runs every `bench/*.bench.ts` in one process, one after the other, and prints
 * one JSON document keyed by bench name. Each bench module default-exports an async function
 * returning plain JSON. Targets are compared as ratios measured in the same run, because this
 * machine is shared and noisy.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const results: Record<string, unknown> = {
  machine: { node: process.version, platform: process.platform, arch: process.arch },
  startedAt: new Date().toISOString(),
};
for (const name of names) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default: () => Promise<unknown> };
  process.stderr.write(`bench: ${name}…\n`);
  try {
    results[name] = await mod.default();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
