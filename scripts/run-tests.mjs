#!/usr/bin/env node
// Runs the test suites with Node's own test runner (through tsx for TypeScript).
// Usage: node scripts/run-tests.mjs [unit|e2e|all] [--only PATTERN]
// Unit files run in parallel; end-to-end files share Chromium and loopback ports, so one at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const suite = args.find((a) => ['unit', 'e2e', 'all'].includes(a)) ?? 'all';
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

function run(dir, concurrency) {
  let files = findTests(join(root, dir));
  if (only) files = files.filter((f) => f.includes(only));
  if (files.length === 0) return 0;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files.map((f) => relative(root, f))],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  return result.status ?? 1;
}

let status = 0;
if (suite === 'unit' || suite === 'all') status ||= run('test/unit', 2);
if (suite === 'e2e' || suite === 'all') status = run('test/e2e', 1) || status;
process.exit(status);
