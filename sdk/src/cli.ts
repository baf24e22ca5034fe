/**
 * The `outflow` command line: `outflow scan`, `outflow report`, `outflow clickhouse …`,
 * `outflow verify`. Compiled into `dist/cli.js`, which `bin/outflow.mjs` runs. Exit codes: 0
 * nothing found / done, 1 findings, 2 bad usage or input, 3 internal error, 4 a server the
 * command needs failed.
 */
import { readFileSync } from 'node:fs';
import { ClickHouseUnavailableError, runClickHouse } from './cli/clickhouse';
import { CliUsageError, EXIT, type ExitCode } from './cli/errors';
import { mainHelp } from './cli/help';
import { runReport } from './cli/report';
import { runScan } from './cli/scan';
import { runVerify } from './cli/verify';

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

const commands = new Map<string, (argv: string[], cliIO: typeof io) => Promise<ExitCode>>([
  ['scan', runScan],
  ['report', runReport],
  ['clickhouse', runClickHouse],
  ['verify', runVerify],
]);

async function main(argv: string[]): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(mainHelp);
    return EXIT.usage;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(mainHelp);
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${readVersion()}\n`);
    return EXIT.ok;
  }
  const command = commands.get(first);
  if (!command) throw new CliUsageError(`unknown command ${JSON.stringify(first)}`, { showHelpHint: true });
  return command(rest, io);
}

function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return (pkg as { version: string }).version;
}

// A closed pipe (`outflow scan big.log | head`) is a normal way to stop reading, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  // Any other output failure (a full disk) is ours to report, with the internal-error code.
  process.stderr.write(`outflow: cannot write output: ${error.code ?? error.message}\n`);
  process.exit(EXIT.internal);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ClickHouseUnavailableError) {
    process.stderr.write(`outflow: ${error.message}\n`);
    process.exit(EXIT.unavailable);
  }
  if (!(error instanceof CliUsageError)) {
    // A bug, not the user's doing: a distinct code, so it is never mistaken for "found" (1).
    process.stderr.write(`outflow: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.internal);
  }
  const command = process.argv[2];
  const helpCommand = command !== undefined && commands.has(command) ? `outflow ${command} --help` : 'outflow --help';
  const hint = error.showHelpHint ? ` (see ${helpCommand})` : '';
  process.stderr.write(`outflow: ${error.message}${hint}\n`);
  process.exitCode = EXIT.usage;
}
