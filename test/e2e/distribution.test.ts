/**
 * The extension as IT deploys it. `npm run package` builds the release extension for Chromium
 * (Chrome, Edge) and Firefox from one source and archives both with web-ext; web-ext lint checks
 * the Firefox build; then a real Chromium reads a real managed policy file — the `3rdparty` part
 * of extension/deploy/chromium-policy.json, as docs/deploy.md gives it — while it loads the
 * release build, and the options page must show IT's values, read-only; and a real Chromium
 * force-installs the release build from that policy file, an update manifest and a `.crx` signed
 * as docs/deploy.md ("Signing") says. Firefox is not installed here: its policies.json is checked
 * against the documented policy structure instead.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { z } from 'zod';
import { CHROMIUM_EXTENSION_ID, GECKO_ID, chromiumExtensionId } from '../../extension/identity';
import { WEB_APP_MATCHES } from '../../extension/manifest.config';
import { chromiumPath, launchWithExtension, type ExtensionBrowser } from './helpers/browser';

const ROOT = resolve(import.meta.dirname, '../..');
const RELEASE = join(ROOT, 'extension/release');
const ARTIFACTS = join(ROOT, 'extension/artifacts');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'extension/package.json'), 'utf8')) as { version: string }).version;
/** Chromium on Linux reads every JSON file here (all of them apply); each test writes its own, uniquely named, and removes it. */
const POLICY_DIR = '/etc/chromium/policies/managed';

interface Manifest {
  key?: string;
  background: { service_worker?: string; scripts?: string[] };
  content_scripts?: unknown[];
  host_permissions?: string[];
  storage?: { managed_schema: string };
  browser_specific_settings?: { gecko: { id: string; strict_min_version: string } };
}

/** Runs a command to its end, or kills it after `timeoutMs`. */
function run(command: string, args: string[], timeoutMs = 10 * 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

function manifestOf(browser: 'chromium' | 'firefox'): Manifest {
  return JSON.parse(readFileSync(join(RELEASE, browser, 'manifest.json'), 'utf8')) as Manifest;
}

before(async () => {
  const packaged = await run('npm', ['run', 'package']);
  assert.equal(packaged.code, 0, `npm run package failed\n${packaged.stdout}\n${packaged.stderr}`);
});

test('npm run package: a Chromium zip and a Firefox .xpi from one source, each with its own background and identity', () => {
  for (const archive of [`outflow-chromium-${VERSION}.zip`, `outflow-firefox-${VERSION}.xpi`]) {
    const bytes = readFileSync(join(ARTIFACTS, archive));
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', `${archive} is a zip archive`);
    // A zip names its entries in plain text in its central directory.
    assert.ok(bytes.includes('manifest.json'), `${archive} holds a manifest`);
  }
  const chromium = manifestOf('chromium');
  assert.equal(typeof chromium.key, 'string');
  assert.ok(chromium.background.service_worker && !chromium.background.scripts);
  assert.equal(chromium.storage?.managed_schema, 'managed_schema.json');
  assert.equal(chromium.browser_specific_settings, undefined);

  const firefox = manifestOf('firefox');
  assert.equal(firefox.key, undefined);
  assert.ok(firefox.background.scripts?.length === 1 && !firefox.background.service_worker);
  assert.equal(firefox.browser_specific_settings?.gecko.id, GECKO_ID);

  // The release build trusts no page origin by default: no static bridge and no host access but the
  // seven AI web apps' origins, which it reads (docs/extension.md, "AI web apps").
  for (const manifest of [chromium, firefox]) {
    assert.deepEqual(manifest.host_permissions, WEB_APP_MATCHES);
    const scripts = (manifest.content_scripts ?? []) as { matches: string[] }[];
    assert.ok(scripts.length > 0 && scripts.every((script) => JSON.stringify(script.matches) === JSON.stringify(WEB_APP_MATCHES)), JSON.stringify(scripts));
  }
});

/**
 * What web-ext lint may still say, with why. Both come from libraries, not from our code:
 * Preact's renderer sets `innerHTML` only for `dangerouslySetInnerHTML`, which no component uses;
 * zod probes whether the page's CSP allows `Function` (an empty one, in a try) before it compiles
 * a parser, and interprets instead where it does not (an extension's CSP does not).
 */
const KNOWN_LINT_WARNINGS = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^assets\/jsxRuntime\.module-[\w-]+\.js$/ },
  { code: 'DANGEROUS_EVAL', file: /^(?:assets|src\/content|src\/injected)\/[\w.-]+\.js$/, source: /try\{return Function\(``\),!0\}catch/ },
];

test('web-ext lint passes the Firefox build: no error, no warning but the two known ones from libraries', async () => {
  const lint = await run(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(RELEASE, 'firefox'), '--output', 'json', '--no-config-discovery']);
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
    errors: { code: string; message: string }[];
    warnings: { code: string; file?: string; line?: number; column?: number; message: string }[];
    notices: unknown[];
  };
  assert.deepEqual(report.errors, []);
  const unexplained = report.warnings.filter((warning) => {
    const known = KNOWN_LINT_WARNINGS.find((entry) => entry.code === warning.code && entry.file.test(warning.file ?? ''));
    if (!known?.source) return !known;
    // Minified: the whole file is one line, so the warning's column is where to look.
    const line = readFileSync(join(RELEASE, 'firefox', warning.file as string), 'utf8').split('\n')[(warning.line ?? 1) - 1] ?? '';
    const column = warning.column ?? 0;
    return !known.source.test(line.slice(Math.max(0, column - 40), column + 40));
  });
  assert.deepEqual(unexplained, []);
});

test('Firefox policies.json (extension/deploy) follows the documented ExtensionSettings and 3rdparty structure', () => {
  // Mozilla's enterprise policy reference: ExtensionSettings maps an add-on ID (or "*") to its
  // settings; 3rdparty.Extensions maps an add-on ID to what storage.managed returns.
  const ExtensionSettingsEntry = z.strictObject({
    installation_mode: z.enum(['allowed', 'blocked', 'force_installed', 'normal_installed']),
    install_url: z.url({ protocol: /^https?$/ }).optional(),
    updates_disabled: z.boolean().optional(),
    default_area: z.enum(['navbar', 'menupanel']).optional(),
  });
  const PoliciesFile = z.strictObject({
    policies: z.strictObject({
      ExtensionSettings: z.record(z.string(), ExtensionSettingsEntry),
      '3rdparty': z.strictObject({ Extensions: z.record(z.string(), z.record(z.string(), z.unknown())) }),
    }),
  });
  const { policies } = PoliciesFile.parse(JSON.parse(readFileSync(join(ROOT, 'extension/deploy/firefox-policies.json'), 'utf8')));
  assert.deepEqual(Object.keys(policies.ExtensionSettings), [GECKO_ID]);
  assert.equal(policies.ExtensionSettings[GECKO_ID]?.installation_mode, 'force_installed');
  assert.match(policies.ExtensionSettings[GECKO_ID]?.install_url ?? '', /\.xpi$/);
  // The same settings as the Chromium policy, whose values the Chromium test below sees applied.
  const chromium = JSON.parse(readFileSync(join(ROOT, 'extension/deploy/chromium-policy.json'), 'utf8')) as { '3rdparty': { extensions: Record<string, unknown> } };
  assert.deepEqual(policies['3rdparty'].Extensions[GECKO_ID], chromium['3rdparty'].extensions[CHROMIUM_EXTENSION_ID]);
});

/** The options page shows IT's origins, retention and cap, each marked or locked as set by IT, and no built-in origin. */
async function expectManagedOptions(options: Page, managed: ManagedSettings): Promise<void> {
  const managedOrigins = options.getByTestId('managed-origin');
  await managedOrigins.first().waitFor();
  assert.deepEqual(
    (await managedOrigins.allInnerTexts()).map((text) => text.split(/\s+/)[0]),
    managed.allowedOrigins,
  );
  for (const text of await managedOrigins.allInnerTexts()) assert.match(text, /set by IT/);
  assert.equal(await options.getByText('built in, any port').count(), 0);
  const retention = options.getByLabel(/Keep events for/);
  const cap = options.getByLabel(/Keep at most/);
  assert.deepEqual([await retention.inputValue(), await cap.inputValue()], [String(managed.retentionDays), String(managed.maxEvents)]);
  assert.deepEqual([await retention.getAttribute('readonly'), await cap.getAttribute('readonly')], ['', '']);
  assert.equal(await options.getByRole('region', { name: 'Stored data' }).getByRole('button', { name: 'Save' }).isDisabled(), true);
}

interface ManagedSettings {
  allowedOrigins: string[];
  retentionDays: number;
  maxEvents: number;
}

interface ChromiumPolicy {
  ExtensionInstallForcelist: string[];
  '3rdparty': { extensions: Record<string, ManagedSettings> };
}

let browser: ExtensionBrowser | undefined;
let policyFile: string | undefined;

after(async () => {
  await browser?.close();
  if (policyFile) rmSync(policyFile, { force: true });
});

test('Chromium applies the managed policy to the release build: stable ID, IT values shown read-only, no built-in origin', async (t) => {
  const policy = JSON.parse(readFileSync(join(ROOT, 'extension/deploy/chromium-policy.json'), 'utf8')) as ChromiumPolicy;
  assert.deepEqual(policy.ExtensionInstallForcelist.map((entry) => entry.split(';')[0]), [CHROMIUM_EXTENSION_ID]);
  const managed = policy['3rdparty'].extensions[CHROMIUM_EXTENSION_ID];
  assert.ok(managed);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `outflow-e2e-${process.pid}-${randomUUID()}.json`);
    // The force-install entry is left out: its update URL is an example, and this browser loads
    // the release build unpacked. Managed storage follows the extension ID either way.
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': policy['3rdparty'] }));
  } catch (error) {
    policyFile = undefined;
    t.skip(`cannot write a Chromium policy file in ${POLICY_DIR} (${(error as Error).message}); run as root`);
    return;
  }
  try {
    browser = await launchWithExtension({ extension: join(RELEASE, 'chromium') });
    assert.equal(browser.extensionId, CHROMIUM_EXTENSION_ID);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/ui/options/index.html'));
    await expectManagedOptions(options, managed);
  } finally {
    await browser?.close();
    browser = undefined;
    if (policyFile) rmSync(policyFile, { force: true });
    policyFile = undefined;
  }
});

test('Chromium force-installs the release build as docs/deploy.md self-hosts it: the documented policy, an update manifest, a signed .crx, IT values applied', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'outflow-force-install-'));
  const requests: string[] = [];
  let crx = '';
  let version = '';
  let id = '';
  // The update URL: a Google update manifest naming the .crx, as an organisation's web server serves it.
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url?.startsWith('/outflow/updates.xml')) {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(`<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${id}'><updatecheck codebase='${origin}/outflow/outflow.crx' version='${version}' /></app>
</gupdate>`);
    } else if (request.url === '/outflow/outflow.crx') {
      response.writeHead(200, { 'content-type': 'application/x-chrome-extension' });
      response.end(readFileSync(crx));
    } else {
      response.writeHead(404).end();
    }
  });
  let origin = '';
  let context: BrowserContext | undefined;
  try {
    // "Signing" in docs/deploy.md: a key of the organisation's own (made here: the project's private
    // key is not in the repository), its public half as the manifest's `key`, packed by Chromium itself.
    const unpacked = join(work, 'chromium');
    cpSync(join(RELEASE, 'chromium'), unpacked, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(work, 'outflow.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Manifest & { version: string };
    writeFileSync(join(unpacked, 'manifest.json'), JSON.stringify({ ...manifest, key }));
    id = chromiumExtensionId(key);
    version = manifest.version;
    // Its own profile directory: with the default one, a running Chromium would be handed the job.
    const packed = await run(chromiumPath(), ['--headless', '--no-sandbox', `--user-data-dir=${join(work, 'packer')}`, `--pack-extension=${unpacked}`, `--pack-extension-key=${join(work, 'outflow.pem')}`], 60_000);
    crx = join(work, 'chromium.crx');
    assert.ok(existsSync(crx), `chromium --pack-extension made no .crx (exit ${packed.code})\n${packed.stderr}`);
    assert.equal(readFileSync(crx).subarray(0, 4).toString('latin1'), 'Cr24');

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The documented policy file, with this key's ID and this update URL in place of the examples,
    // and IT values other than the extension's defaults, so the page cannot show them by accident.
    const documented = readFileSync(join(ROOT, 'extension/deploy/chromium-policy.json'), 'utf8');
    const policy = JSON.parse(documented.replaceAll(CHROMIUM_EXTENSION_ID, id).replace('https://extensions.example.com', origin)) as ChromiumPolicy;
    assert.deepEqual(policy.ExtensionInstallForcelist, [`${id};${origin}/outflow/updates.xml`]);
    const documentedManaged = policy['3rdparty'].extensions[id];
    assert.ok(documentedManaged);
    const managed: ManagedSettings = { ...documentedManaged, retentionDays: 90, maxEvents: 500_000 };
    policy['3rdparty'].extensions[id] = managed;
    try {
      mkdirSync(POLICY_DIR, { recursive: true });
      policyFile = join(POLICY_DIR, `outflow-e2e-${process.pid}-${randomUUID()}.json`);
      // Test-only: by default Chromium refuses DevTools, through which Playwright drives pages, on
      // extensions installed by policy (DeveloperToolsAvailability 0).
      writeFileSync(policyFile, JSON.stringify({ ...policy, DeveloperToolsAvailability: 1 }));
    } catch (error) {
      policyFile = undefined;
      t.skip(`cannot write a Chromium policy file in ${POLICY_DIR} (${(error as Error).message}); run as root`);
      return;
    }
    // No --load-extension: the policy installs it. The update check is background networking, which Playwright turns off by default.
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: chromiumPath(),
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const ours = (worker: { url(): string }): boolean => worker.url().startsWith(`chrome-extension://${id}/`);
    const worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 60_000 }));
    assert.ok(requests.some((url) => url.startsWith('/outflow/updates.xml?') && decodeURIComponent(url).includes(`id=${id}`) && url.includes('installedby%3Dpolicy')), requests.join('\n'));
    assert.ok(requests.includes('/outflow/outflow.crx'));
    // IT's values reach a freshly installed extension with the policy's next load, often after
    // the options page opened: the page shows them when they arrive.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/src/ui/options/index.html`);
    await expectManagedOptions(options, managed);
    const stored = await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<Record<string, unknown>> } } } }).chrome.storage.managed.get());
    assert.deepEqual(stored, managed);
  } finally {
    try {
      await context?.close();
    } finally {
      if (policyFile) rmSync(policyFile, { force: true });
      policyFile = undefined;
      server.closeAllConnections();
      server.close();
      rmSync(work, { recursive: true, force: true });
    }
  }
});
