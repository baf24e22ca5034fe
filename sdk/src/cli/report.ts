/**
 * `outflow report FILE.jsonl... | -`: per-session summary of JSONL logs of `FlowEvent`s (as the
 * SDK's `jsonlSink` writes them, rotated files included) and of the extension's exports. Each
 * event is validated with `FlowEventSchema`; invalid lines are counted and described (file:line
 * and the reason, never the content) without stopping the report (see event-files.ts). Exit code
 * 2 only when no valid event was read.
 */
import type { Readable, Writable } from 'node:stream';
import { oneOf, parseCommandArgs } from './args';
import { CliUsageError, EXIT, type ExitCode } from './errors';
import { readEventFile } from './event-files';
import { reportHelp } from './help';
import { checkInputs } from './input';
import type { ProgressStream } from './progress';
import { reportJson, reportText, type InvalidLine, type Report } from './report-format';
import { SessionSummaries } from './session-summary';

/** Invalid lines described individually; the rest are only counted. */
export const MAX_DESCRIBED_INVALID_LINES = 20;

export interface ReportIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
}

export async function runReport(argv: string[], io: ReportIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(reportHelp);
    return EXIT.ok;
  }
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length === 0) throw new CliUsageError('report needs at least one FILE.jsonl (or - for stdin)', { showHelpHint: true });
  checkInputs(positionals);

  const summaries = new SessionSummaries();
  const invalid: InvalidLine[] = [];
  let invalidCount = 0;
  let events = 0;
  for (const path of positionals) {
    await readEventFile(path, io, {
      onEvent(event) {
        summaries.add(event);
        events++;
      },
      onInvalid(line, reason) {
        invalidCount++;
        if (invalid.length < MAX_DESCRIBED_INVALID_LINES) invalid.push({ file: path, line, reason });
      },
    });
  }

  for (const { file, line, reason } of invalid) io.stderr.write(`outflow: ${file}:${line}: ${reason}\n`);
  if (invalidCount > invalid.length) io.stderr.write(`outflow: ${invalidCount - invalid.length} more invalid lines not shown\n`);
  if (events === 0) throw new CliUsageError(`no valid event read from ${positionals.join(', ')}`);

  const report: Report = {
    sessions: summaries.list(),
    totals: { sessions: summaries.size, events, files: positionals.length, invalidLines: invalidCount },
    invalidLines: invalid,
  };
  io.stdout.write(format === 'json' ? reportJson(report) : reportText(report));
  return EXIT.ok;
}
