#!/usr/bin/env node
// The `outflow` command runs the compiled CLI in dist/ (built by `prepack` for the published
// package, and by `npm run build` in the repository).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('outflow: the CLI is not built yet; run `npm run build --workspace sdk` in the repository.');
  process.exit(3);
}
await import(cli.href);
