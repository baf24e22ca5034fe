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
  let files = findTests(join(root, dir)).map((f) => relative(root, f));
  if (only) files = files.filter((f) => f.includes(only));
  if (files.length === 0) return undefined;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  return result.status ?? 1;
}

const statuses = [];
if (suite === 'unit' || suite === 'all') statuses.push(run('test/unit', 2));
if (suite === 'e2e' || suite === 'all') statuses.push(run('test/e2e', 1));
const ran = statuses.filter((status) => status !== undefined);
if (ran.length === 0) {
  // No test selected is a typo in --only (or an empty checkout), never a pass.
  console.error(`No test file matches${only ? ` --only ${only}` : ''} in ${suite === 'all' ? 'test/unit or test/e2e' : `test/${suite}`}.`);
  process.exit(1);
}
process.exit(ran.find((status) => status !== 0) ?? 0);
