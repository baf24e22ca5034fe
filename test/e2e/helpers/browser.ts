/**
 * Launches a real Chromium with the built extension loaded, through Playwright. Debian's chromium
 * by default; `CHROMIUM_PATH` points at any other build (Playwright's own on a developer machine).
 */
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIST = resolve(import.meta.dirname, '../../../extension/dist');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** The profile directory: every Chromium process of this browser has it on its command line. */
  userDataDir: string;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** `extension`: the unpacked extension to load. @default the demo build, extension/dist */
export async function launchWithExtension(options: { headless?: boolean; extension?: string } = {}): Promise<ExtensionBrowser> {
  const extension = options.extension ?? EXTENSION_DIST;
  if (!existsSync(join(extension, 'manifest.json'))) {
    throw new Error(`No built extension at ${extension}: run \`npm run build\` (or \`npm run package\`) first.`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'outflow-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
