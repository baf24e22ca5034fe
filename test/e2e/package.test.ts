/**
 * The published package as a new user meets it: `npm pack` the SDK (its `prepack` builds
 * dist/), install the tarball with `--omit=dev` into a fresh project next to the real `openai`
 * client, and use it there — plain Node ESM and CommonJS against the fake provider on loopback,
 * the installed `outflow` bin, TypeScript consumers under `nodenext` and under `bundler` without
 * the DOM, a browser consumer type-checked with the DOM, built by Vite and run in Chromium (the
 * detection engine downloaded only with the first call, which it scans) — then lint the tarball
 * with publint and @arethetypeswrong/cli. The consumers live in test/fixtures/consumer (excluded
 * from the repository's own typecheck: they compile against the tarball, not the sources). It sits
 * with the end-to-end tests, which run one file at a time: its compilers would otherwise compete
 * with the unit suite's timing bounds on a 2-core machine.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { publint } from 'publint';
import { build } from 'rolldown';
import { chromium } from 'playwright';
import { formatMessage } from 'publint/utils';
import { BUILTIN_DETECTORS, scan } from '../../sdk/src/detect/index';
import { FlowEventSchema, type FlowEvent } from '../../sdk/src/schema';
import { startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/index';
import { chromiumPath } from './helpers/browser';
import { serveStatic } from './helpers/static-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const CUSTOMER_EMAIL = 'jane.doe@acme-widgets.io';
/**
 * The browser entry as an app's bundler delivers it — `createOutflow` and the sinks a browser app
 * uses, tree-shaken and minified by rolldown (Vite's bundler), gzip level 9: the chunk the app
 * loads and every chunk it imports statically, i.e. what the page downloads before it runs.
 */
const BROWSER_BUDGET_BYTES = 40 * 1024;
/**
 * The detection engine, a chunk of its own that `createOutflow` loads with the first call it
 * scans (sdk/src/intercept/deferred-scanner.ts): a page session that never calls an AI provider
 * never downloads it. Budgeted on its own so detection cannot grow unnoticed: 34.7 KB measured (a policy
 * with custom detectors also loads their compiler, 3.6 KB).
 */
const ENGINE_BUDGET_BYTES = 40 * 1024;

let work: string;
let tarball: string;
let app: string;
let fake: FakeProvider;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; npm's own `npm_*` variables are left out so nested npm commands act as a user's would. */
function run(command: string, args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    child.stdin.end(options.input ?? '');
  });
}

async function succeed(command: string, args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<Run> {
  const result = await run(command, args, options);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

function versionOf(dependency: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string }).version;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'outflow-package-'));
  // `npm pack` runs the SDK's `prepack`, which builds dist/: the same path as a release.
  await succeed('npm', ['pack', '--workspace', 'sdk', '--pack-destination', work], { cwd: ROOT });
  const [filename] = readdirSync(work).filter((file) => file.endsWith('.tgz'));
  tarball = join(work, filename as string);

  app = join(work, 'app');
  cpSync(join(ROOT, 'test/fixtures/consumer'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'outflow-consumer', private: true, type: 'module' }));
  // The client and Node's types at the repository's versions; npm's cache serves them after `npm ci`.
  await succeed(
    'npm',
    ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball, `openai@${versionOf('openai')}`, `@types/node@${versionOf('@types/node')}`],
    { cwd: app },
  );
  fake = await startFakeProvider();
});

after(async () => {
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The one event a consumer script printed, checked against the contract. */
function theOneEvent(stdout: string): FlowEvent {
  assert.ok(!stdout.includes(CUSTOMER_EMAIL), 'no raw value in what the app recorded');
  const { reply, events } = JSON.parse(stdout) as { reply: string; events: unknown[] };
  assert.match(reply, /^Summary:/);
  assert.equal(events.length, 1);
  const event = FlowEventSchema.parse(events[0]);
  assert.deepEqual(
    event.findings.map((finding) => [finding.type, finding.field, finding.action]),
    [['EMAIL', 'messages[0].content', 'log']],
  );
  return event;
}

test('the tarball holds what runs: dist, the bin, README, LICENSE; no sources, no dev tools installed', async () => {
  const installed = join(app, 'node_modules/@outflow/sdk');
  assert.deepEqual(readdirSync(installed).sort(), ['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
  assert.equal(readFileSync(join(installed, 'LICENSE'), 'utf8'), readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
  const dist = readdirSync(join(installed, 'dist'));
  for (const entry of ['index', 'node', 'schema']) {
    for (const extension of ['.js', '.cjs', '.d.ts', '.d.cts']) assert.ok(dist.includes(`${entry}${extension}`), `dist/${entry}${extension}`);
  }
  const everyFile = readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' });
  assert.ok(!everyFile.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.d.cts')), 'no TypeScript sources');
  for (const tool of ['tsx', 'esbuild', 'tsdown', 'typescript']) assert.ok(!existsSync(join(app, 'node_modules', tool)), `${tool} is not installed`);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['zod']);
  // ClickHouse is an optional peer: an app that does not use it does not install it, and the CLI says what to install.
  assert.ok(!existsSync(join(app, 'node_modules/@clickhouse/client')));
  const store = await run(join(app, 'node_modules/.bin/outflow'), ['clickhouse', 'init', '--url', 'http://127.0.0.1:9'], { cwd: app });
  assert.equal(store.code, 2, store.stderr);
  assert.match(store.stderr, /npm install @clickhouse\/client/);
});

test('the published detectors are the source ones without their examples (test data the build empties)', async () => {
  const published = (await import(pathToFileURL(join(app, 'node_modules/@outflow/sdk/dist/index.js')).href)) as { BUILTIN_DETECTORS: typeof BUILTIN_DETECTORS };
  assert.deepEqual(
    published.BUILTIN_DETECTORS.map((detector) => [detector.id, detector.description, detector.examples]),
    BUILTIN_DETECTORS.map((detector) => [detector.id, detector.description, { match: [], noMatch: [] }]),
  );
  assert.ok(BUILTIN_DETECTORS.every((detector) => detector.examples.match.length > 0), 'the sources keep them');
});

test('plain Node ESM: the real openai client through outflow.fetch records one event, an EMAIL finding, no raw value', async () => {
  const result = await succeed('node', ['esm.mjs'], { cwd: app, env: { FAKE_PROVIDER_URL: fake.url, CUSTOMER_EMAIL } });
  const event = theOneEvent(result.stdout);
  assert.deepEqual([event.source.app, event.source.runtime, event.destination.api, event.decision], ['consumer-esm', 'node', 'openai-chat', 'allowed']);
});

test('CommonJS: require() of @outflow/sdk and @outflow/sdk/node, the same call recorded to a JSON Lines file', async () => {
  const result = await succeed('node', ['cjs.cjs'], { cwd: app, env: { FAKE_PROVIDER_URL: fake.url, CUSTOMER_EMAIL, EVENT_LOG: join(work, 'events.jsonl') } });
  assert.equal(theOneEvent(result.stdout).source.app, 'consumer-cjs');
  assert.ok(!readFileSync(join(work, 'events.jsonl'), 'utf8').includes(CUSTOMER_EMAIL));
});

test('the installed outflow bin scans stdin (`outflow scan -`) with compiled JavaScript', async () => {
  const outflow = join(app, 'node_modules/.bin/outflow');
  const found = await run(outflow, ['scan', '-'], { cwd: app, input: `Please reply to ${CUSTOMER_EMAIL}\n` });
  assert.equal(found.code, 1, found.stderr);
  // The compiled bin previews exactly as the sources do.
  const [expected] = scan(CUSTOMER_EMAIL);
  assert.ok(expected);
  assert.ok(found.stdout.split('\n').includes(`-:1:17  EMAIL  ${expected.preview}  (${expected.confidence})`), found.stdout);
  assert.ok(!`${found.stdout}${found.stderr}`.includes(CUSTOMER_EMAIL));
  const clean = await run(outflow, ['scan', '-'], { cwd: app, input: 'nothing to see\n' });
  assert.deepEqual([clean.code, clean.stdout], [0, '']);
  assert.match((await succeed(outflow, ['--help'], { cwd: app })).stdout, /^Usage: outflow <command>/);
});

test('TypeScript consumers compile against the published declarations: nodenext (ESM and .cts), and bundler without the DOM', async () => {
  // `skipLibCheck: false` checks every declaration file the consumer loads; the two run side by side.
  const tsc = join(BIN, 'tsc');
  await Promise.all([succeed(tsc, ['-p', 'tsconfig.nodenext.json'], { cwd: app }), succeed(tsc, ['-p', 'tsconfig.bundler.json'], { cwd: app })]);
});

test('a browser consumer type-checks with the DOM and no Node types, and Vite builds it', async () => {
  const browser = join(app, 'browser');
  await succeed(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: browser });
  await succeed(join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: browser });
  const assets = readdirSync(join(browser, 'dist/assets')).filter((file) => file.endsWith('.js'));
  const code = new Map(assets.map((file) => [file, readFileSync(join(browser, 'dist/assets', file), 'utf8')]));
  for (const [file, bundle] of code) assert.ok(!/\bfrom\s*["']node:|(?:require|import)\(\s*["'`]node:/.test(bundle), `no Node built-in in the browser bundle (${file})`);
  // The detection engine is its own chunk, imported by the app's code when the first call needs it.
  const holding = assets.filter((file) => code.get(file)?.includes('AWS secret access key'));
  assert.equal(holding.length, 1, `the detectors are in one chunk, not copied into the entry: ${holding.join(', ')}`);
  const engine = holding[0] as string;
  const dynamicImports = (file: string): string[] => [...(code.get(file) ?? '').matchAll(/\bimport\(\s*[`'"]\.\/([^`'"]+)[`'"]/g)].map((match) => match[1] as string);
  const importers = assets.filter((file) => dynamicImports(file).includes(engine));
  assert.deepEqual(importers.length, 1, `imported dynamically by one chunk: ${assets.join(', ')}`);
});

test('in Chromium, the Vite-built consumer downloads the detection engine only with its first call, and scans that call', async () => {
  const dist = join(app, 'browser/dist');
  const files: Record<string, string> = { '/index.html': readFileSync(join(dist, 'index.html'), 'utf8') };
  for (const file of readdirSync(join(dist, 'assets'))) files[`/assets/${file}`] = readFileSync(join(dist, 'assets', file), 'utf8');
  const engine = Object.keys(files).find((path) => files[path]?.includes('AWS secret access key'));
  assert.ok(engine, 'the Vite build (previous test) holds the engine chunk');
  const customCompiler = Object.keys(files).find((path) => files[path]?.includes('named backreferences are not supported'));
  assert.ok(customCompiler && customCompiler !== engine, 'the custom-detector compiler is a chunk of its own');
  const site = await serveStatic({ files });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${site.origin}/?api=${encodeURIComponent(fake.url)}`, { waitUntil: 'networkidle' });
    assert.ok(requested.some((path) => path.startsWith('/assets/')), requested.join(', '));
    assert.ok(!requested.includes(engine), 'the engine is not downloaded at start');
    const sent = (): number => fake.requests.filter((request) => request.method === 'POST').length;
    const ask = async (prompt: string): Promise<string> => {
      await page.evaluate(() => void (document.querySelector('#reply')!.textContent = ''));
      await page.fill('#prompt', prompt);
      await page.click('#send');
      await page.waitForFunction(() => (document.querySelector('#reply')?.textContent ?? '') !== '');
      return (await page.textContent('#reply')) ?? '';
    };
    const before = sent();
    // The consumer's policy blocks card numbers: only a call the engine read can be blocked.
    assert.equal(await ask('Refund the card 4539 1488 0343 6467 today'), 'Blocked by policy');
    assert.ok(requested.includes(engine), 'the first call downloaded the engine');
    assert.equal(sent(), before, 'the blocked call never left');
    assert.notEqual(await ask('Summarise this ticket'), 'Blocked by policy');
    assert.equal(sent(), before + 1);
    assert.equal(requested.filter((path) => path === engine).length, 1, 'downloaded once');
    assert.ok(!requested.includes(customCompiler), 'a policy without custom detectors never downloads their compiler');
  } finally {
    await browser.close();
    await site.close();
  }
});

test(`the browser entry (createOutflow and its sinks) is at most ${BROWSER_BUDGET_BYTES / 1024} KB gzip as a bundler delivers it, the engine it loads on first use at most ${ENGINE_BUDGET_BYTES / 1024} KB`, async () => {
  const entry = join(app, 'browser-entry.js');
  writeFileSync(entry, "export { createOutflow, extensionBridgeSink, memorySink, consoleSink, OutflowBlockedError } from '@outflow/sdk';\n");
  const bundle = await build({ input: entry, cwd: app, platform: 'browser', write: false, logLevel: 'silent', output: { format: 'esm', minify: true } });
  const chunks = new Map(bundle.output.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])));
  const main = [...chunks.values()].find((chunk) => chunk.isEntry);
  assert.ok(main);
  /** A chunk and what it imports statically, transitively, less what is already loaded. */
  const withStaticImports = (fileName: string, loaded: ReadonlySet<string> = new Set()): Set<string> => {
    const found = new Set<string>();
    const visit = (name: string): void => {
      if (found.has(name) || loaded.has(name)) return;
      found.add(name);
      for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
    };
    visit(fileName);
    return found;
  };
  const codeOf = (names: Iterable<string>): string => [...names].map((name) => chunks.get(name)?.code ?? '').join('\n');
  const gzip = (names: Iterable<string>): number => [...names].reduce((sum, name) => sum + gzipSync(chunks.get(name)?.code ?? '', { level: 9 }).length, 0);
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

  // What loads with the entry; then what the first call loads under a policy without custom
  // detectors (the engine); then the custom-detector compiler, loaded only for a policy that has some.
  const atStart = withStaticImports(main.fileName);
  const lazy = [...new Set([...atStart].flatMap((name) => chunks.get(name)?.dynamicImports ?? []))];
  const probes = BUILTIN_DETECTORS.flatMap((detector) => /^[\w :,.()/-]{16,40}/.exec(detector.description) ?? []);
  assert.ok(probes.length > BUILTIN_DETECTORS.length / 2);
  const engineChunk = lazy.find((name) => probes.every((probe) => chunks.get(name)?.code.includes(probe)));
  assert.ok(engineChunk, `a dynamically imported chunk holds the detectors: ${lazy.join(', ')}`);
  const others = lazy.filter((name) => name !== engineChunk);
  const firstUse = withStaticImports(engineChunk, atStart);
  const customOnly = new Set(others.flatMap((name) => [...withStaticImports(name, new Set([...atStart, ...firstUse]))]));
  assert.equal(customOnly.size > 0 && codeOf(customOnly).includes('named backreferences are not supported'), true, `the custom-detector compiler is its own chunk: ${[...customOnly].join(', ')}`);
  assert.equal(chunks.size, atStart.size + firstUse.size + customOnly.size, 'every chunk is accounted for');
  const start = gzip(atStart);
  const engine = gzip(firstUse);
  const custom = gzip(customOnly);
  console.log(`browser entry: ${kb(start)} gzip at start (budget ${kb(BROWSER_BUDGET_BYTES)}), ${kb(engine)} loaded with the first call (budget ${kb(ENGINE_BUDGET_BYTES)}), ${kb(start + engine)} in all; custom detectors add ${kb(custom)}`);
  // The engine really is apart: no detector, no custom-detector compiler in the start-up code.
  const startCode = codeOf(atStart);
  for (const probe of probes) assert.ok(!startCode.includes(probe), `"${probe}…" is not loaded at start`);
  assert.ok(!codeOf([...atStart, ...firstUse]).includes('named backreferences are not supported'), 'the custom-detector compiler is not loaded for a policy without custom detectors');
  assert.ok(start <= BROWSER_BUDGET_BYTES, `browser entry: ${kb(start)} gzip at start, over the ${kb(BROWSER_BUDGET_BYTES)} budget`);
  assert.ok(engine <= ENGINE_BUDGET_BYTES, `detection engine: ${kb(engine)} gzip, over the ${kb(ENGINE_BUDGET_BYTES)} budget`);
});

test('publint and @arethetypeswrong/cli find nothing wrong with the tarball', async () => {
  const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer }, strict: true });
  assert.deepEqual(messages.map((message) => formatMessage(message, pkg)), []);
  await succeed(join(BIN, 'attw'), [tarball, '--format', 'table-flipped'], { cwd: work });
});
