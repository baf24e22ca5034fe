/**
 * `outflow report FILE.jsonl... | -`: per-session summary of JSONL logs of `FlowEvent`s (as the
 * SDK's `jsonlSink` writes them, rotated files included). Each line is validated with
 * `FlowEventSchema`; invalid lines are counted and described (file:line and the reason, never
 * the content) without stopping the report. Exit code 2 only when no valid event was read.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { FlowEventSchema, type FlowEvent } from '../schema';
import { oneOf, parseCommandArgs } from './args';
import { CliUsageError, EXIT, type ExitCode } from './errors';
import { reportHelp } from './help';
import { checkInputs, openInput } from './input';
import { Progress, type ProgressStream } from './progress';
import { reportJson, reportText, type InvalidLine, type Report } from './report-format';
import { SessionSummaries } from './session-summary';
import { describeZodIssues, issueMessage } from './zod-issues';

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
    await readEvents(path, io, (event) => {
      summaries.add(event);
      events++;
    }, (line, reason) => {
      invalidCount++;
      if (invalid.length < MAX_DESCRIBED_INVALID_LINES) invalid.push({ file: path, line, reason });
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

/** Streams one file's lines, handing each valid event or each invalid line's reason to the callbacks. */
async function readEvents(
  path: string,
  io: ReportIO,
  onEvent: (event: FlowEvent) => void,
  onInvalid: (line: number, reason: string) => void,
): Promise<void> {
  const input = openInput(path, io.stdin);
  const progress = new Progress(io.stderr, `reading ${path}`);
  let bytes = 0;
  input.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  let lineNumber = 0;
  let bytesShown = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber++;
      progress.advance(bytes - bytesShown, 1);
      bytesShown = bytes;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // JSON.parse's message quotes the line; only the fact is reported.
        onInvalid(lineNumber, 'not valid JSON');
        continue;
      }
      const result = FlowEventSchema.safeParse(value, { error: issueMessage });
      if (result.success) onEvent(result.data);
      else onInvalid(lineNumber, `not a FlowEvent: ${describeZodIssues(result.error)}`);
    }
  } finally {
    progress.done();
  }
}
