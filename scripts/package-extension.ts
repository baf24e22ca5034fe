/**
 * `npm run package`: the extension as employees get it, for each browser, from one source.
 *   extension/artifacts/outflow-chromium-<version>.zip  Chrome and Edge (unpacked: extension/release/chromium)
 *   extension/artifacts/outflow-firefox-<version>.xpi   Firefox (unpacked: extension/release/firefox)
 * Each is built by `vite build --mode release` (no origin trusted by default, see
 * extension/manifest.config.ts) and archived by `web-ext build`. Deployment: docs/deploy.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}node_modules/.bin`;
const { version } = JSON.parse(readFileSync(`${ROOT}extension/package.json`, 'utf8')) as { version: string };

export const TARGETS = [
  { browser: 'chrome', dir: 'chromium', archive: `outflow-chromium-${version}.zip` },
  { browser: 'firefox', dir: 'firefox', archive: `outflow-firefox-${version}.xpi` },
] as const;

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}`);
}

for (const target of TARGETS) {
  run(`${BIN}/vite`, ['build', '--config', 'extension/vite.config.ts', '--mode', 'release', '--logLevel', 'warn'], { OUTFLOW_BROWSER: target.browser });
  run(`${BIN}/web-ext`, ['build', '--source-dir', `extension/release/${target.dir}`, '--artifacts-dir', 'extension/artifacts', '--filename', target.archive, '--overwrite-dest', '--no-config-discovery']);
}
console.log(TARGETS.map((target) => `extension/artifacts/${target.archive}`).join('\n'));
