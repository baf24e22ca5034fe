/**
 * Shared by the CLI tests: run the `outflow` command from its sources, make temp files, synthetic
 * values. (The compiled `outflow` bin of the packed package is run by test/e2e/package.test.ts.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const CLI_SOURCE = new URL('../../../sdk/src/cli.ts', import.meta.url).pathname;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `outflow ...args` (`sdk/src/cli.ts` through tsx), feeding `input` to stdin (closed at once when absent). */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // The developer's own key must not leak into the tests' expectations.
    const env = { ...process.env };
    delete env.OUTFLOW_FINGERPRINT_KEY;
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, ...args], {
      env: { ...env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** A temp directory removed after the test file; `file(name, text)` writes into it and returns the path. */
export function tempDir(): { dir: string; file(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** Deterministic pseudo-random generator (mulberry32), so fixtures are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Made-up values of the right shape. None is a real credential or person; the AWS key avoids
 * the documented `…EXAMPLE` key, which the scanner deliberately ignores.
 */
export const SYNTHETIC = {
  email: 'jane.doe@acme-widgets.io',
  otherEmail: 'r.okafor@northwind-labs.net',
  awsKey: 'AKIAQ7LM2XKT4ZPW6RHD',
  privateKey: syntheticPrivateKey(),
} as const;

function syntheticPrivateKey(): string {
  const random = seededRandom(42);
  const lines: string[] = [];
  for (let i = 0; i < 25; i++) {
    let line = '';
    for (let j = 0; j < 64; j++) line += BASE64[Math.floor(random() * 64)];
    lines.push(line);
  }
  return `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`;
}

/** Every raw synthetic value (one line of the key stands for the key), none of which may ever be printed. */
export const RAW_VALUES: readonly string[] = [SYNTHETIC.email, SYNTHETIC.otherEmail, SYNTHETIC.awsKey, SYNTHETIC.privateKey.split('\n')[5] as string];
