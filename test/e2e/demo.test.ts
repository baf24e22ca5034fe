/**
 * `npm run demo` as a user runs it (after the build): the scripted session with screenshots and
 * a summary, `--serve-only`, and a clear message when Chromium is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function demo(args: string[], env: NodeJS.ProcessEnv = process.env, onStdout?: (text: string, stop: () => void) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill('SIGINT'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test('the demo drives the scripted session, saves screenshots and prints the session summary', { timeout: 180_000 }, async () => {
  const started = Date.now();
  const { DISPLAY: _display, ...headlessEnv } = process.env;
  const run = await demo(['--port', '0'], headlessEnv);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /refund\s+blocked\s+Blocked by policy: CREDIT_CARD/);
  assert.match(run.stdout, /calls\s+5\n/);
  assert.match(run.stdout, /decisions\s+allowed 3, redacted 1, blocked 1/);
  // The ChatGPT replica session: the key left as a placeholder, the card after a warning.
  assert.match(run.stdout, /ChatGPT received for "debug": Why does my key \[AWS_ACCESS_KEY_1\] get/);
  assert.match(run.stdout, /Session chatgpt-\S+ of ChatGPT \(https:\/\/chatgpt\.com\)\n\s+calls\s+3\n/);
  assert.match(run.stdout, /decisions\s+allowed 2, redacted 1, blocked 0\n\s+notice\s+warn at send: the employee continued/);
  assert.ok(!run.stdout.includes('AKIAQ3EGRJ5WZ7KXV4NM get'), 'the key itself never reached ChatGPT');
  for (const name of ['app.png', 'popup.png', 'dashboard.png', 'chatgpt.png', 'chatgpt-notice.png', 'chatgpt-popup.png', 'dashboard-apps.png']) {
    const file = statSync(resolve(ROOT, 'demo-output', name));
    assert.ok(file.mtimeMs >= started - 1000 && file.size > 5000, `${name} was not written by this run`);
  }
});

test('--serve-only serves the app, its config and the fake provider until interrupted', { timeout: 60_000 }, async () => {
  let checked: Promise<void> | undefined;
  const run = await demo(['--serve-only', '--port', '0'], process.env, (stdout, stop) => {
    const app = /Demo app:\s+(\S+)/.exec(stdout)?.[1];
    const provider = /Fake provider:\s+(\S+)/.exec(stdout)?.[1];
    if (!app || !provider || checked) return;
    checked = (async () => {
      try {
        const page = await fetch(app);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /Acme Support Copilot/);
        assert.deepEqual(await (await fetch(`${app}/config.json`)).json(), { providerUrl: provider });
      } finally {
        stop();
      }
    })();
  });
  assert.ok(checked, `no URLs printed: ${run.stdout}${run.stderr}`);
  await checked;
  assert.equal(run.code, 0, run.stderr);
});

test('a missing Chromium is named, with the variable that fixes it', async () => {
  const run = await demo(['--port', '0'], { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Chromium not found at \/nonexistent\/chromium.*CHROMIUM_PATH/);
});
