/** `outflow scan`: option handling, then the file scan or the JSON-lines scan. */
import type { Readable, Writable } from 'node:stream';
import { oneOf, parseCommandArgs, splitList } from './args';
import { CliUsageError, EXIT, type ExitCode } from './errors';
import { scanHelp } from './help';
import { checkInputs } from './input';
import type { ProgressStream } from './progress';
import { scanFiles } from './scan-files';
import { scanJsonl } from './scan-jsonl';
import { setUpScanner } from './scanner-setup';

export interface ScanIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

export async function runScan(argv: string[], io: ScanIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    jsonl: { type: 'boolean' },
    policy: { type: 'string' },
    types: { type: 'string' },
    'exclude-types': { type: 'string' },
    'fingerprint-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    // Hidden: peak memory and throughput on stderr, for the streaming tests and quick benchmarks.
    'debug-stats': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(scanHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliUsageError('scan needs at least one FILE (or - for stdin)', { showHelpHint: true });
  if (values.jsonl && positionals.length > 1) throw new CliUsageError('--jsonl reads exactly one FILE (or -)', { showHelpHint: true });
  if (values.jsonl && values.format !== undefined) {
    throw new CliUsageError('--format does not apply to --jsonl, whose output is always JSON lines', { showHelpHint: true });
  }
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  checkInputs(positionals);

  const scanner = setUpScanner({
    policyPath: values.policy,
    types: splitList(values.types),
    excludeTypes: splitList(values['exclude-types']),
    // An empty variable counts as unset, as shells make it easy to export one by accident.
    fingerprintKey: values['fingerprint-key'] ?? (io.env.OUTFLOW_FINGERPRINT_KEY || undefined),
  });

  const startedAt = performance.now();
  let exitCode: ExitCode;
  let totals: { bytes: number; lines: number; findings: number };
  if (values.jsonl) {
    const result = await scanJsonl(positionals[0] as string, scanner, io);
    totals = result;
    exitCode = result.invalidLines > 0 ? EXIT.usage : result.findings > 0 ? EXIT.found : EXIT.ok;
  } else {
    const result = await scanFiles(positionals, scanner, format, io);
    totals = result;
    exitCode = result.failedInputs > 0 ? EXIT.usage : result.findings > 0 ? EXIT.found : EXIT.ok;
  }
  if (values['debug-stats']) io.stderr.write(debugStatsLine(totals, performance.now() - startedAt));
  return exitCode;
}

/** The hidden `--debug-stats` line: totals, throughput and peak resident memory. */
function debugStatsLine(totals: { bytes: number; lines: number; findings: number }, elapsedMs: number): string {
  const stats = {
    bytes: totals.bytes,
    lines: totals.lines,
    findings: totals.findings,
    elapsedMs: Math.round(elapsedMs),
    mbPerSecond: Number((totals.bytes / 1e6 / (elapsedMs / 1000)).toFixed(1)),
    // resourceUsage reports kibibytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  return `outflow-debug-stats ${JSON.stringify(stats)}\n`;
}
