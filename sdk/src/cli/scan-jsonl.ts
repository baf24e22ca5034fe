/**
 * `outflow scan --jsonl FILE|-`: one record `{"id": …, "text": …}` per input line, one result
 * `{"id": …, "findings": […]}` per output line, in input order. Streams: lines are read with
 * readline and results written with backpressure, so memory stays bounded by the longest line,
 * not by the input.
 *
 * A bad line does not stop the run: it gets an output line `{"id": <id or null>, "error": …}`
 * (so output line N still answers input record N), a message on stderr naming the file and line
 * (the first `MAX_REPORTED_LINES` of them), and the run ends with exit code 2. Blank lines are
 * skipped without output.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { openInput } from './input';
import { BufferedOutput } from './output';
import { recordFindingJson } from './finding-format';
import { Progress, type ProgressStream } from './progress';
import type { Scanner } from './scanner-setup';
import { describeZodIssues } from './zod-issues';

/** Bad lines described on stderr before the rest are only counted, so a wrong file does not flood the terminal. */
export const MAX_REPORTED_LINES = 20;

/** One input record. Other fields are allowed and ignored. */
const RecordSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
});

export interface JsonlScanIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
}

export interface JsonlScanResult {
  records: number;
  findings: number;
  invalidLines: number;
  bytes: number;
  lines: number;
}

export async function scanJsonl(path: string, scanner: Scanner, io: JsonlScanIO): Promise<JsonlScanResult> {
  const input = openInput(path, io.stdin);
  const out = new BufferedOutput(io.stdout);
  const progress = new Progress(io.stderr, `scanning ${path}`);
  const result: JsonlScanResult = { records: 0, findings: 0, invalidLines: 0, bytes: 0, lines: 0 };
  input.on('data', (chunk: Buffer | string) => {
    result.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });

  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let bytesShown = 0;
  try {
    for await (const line of rl) {
      lineNumber++;
      progress.advance(result.bytes - bytesShown, 1);
      bytesShown = result.bytes;
      if (line.trim() === '') continue;
      const parsed = parseRecord(line);
      if (!parsed.ok) {
        result.invalidLines++;
        if (result.invalidLines <= MAX_REPORTED_LINES) io.stderr.write(`outflow: ${path}:${lineNumber}: ${parsed.reason}\n`);
        await out.write(`${JSON.stringify({ id: parsed.id, error: `line ${lineNumber}: ${parsed.reason}` })}\n`);
        continue;
      }
      const findings = scanner.scan(parsed.record.text);
      result.records++;
      result.findings += findings.length;
      await out.write(`${JSON.stringify({ id: parsed.record.id, findings: findings.map(recordFindingJson) })}\n`);
    }
  } finally {
    progress.done();
  }
  await out.flush();
  result.lines = lineNumber;
  if (result.invalidLines > MAX_REPORTED_LINES) {
    io.stderr.write(`outflow: ${path}: ${result.invalidLines - MAX_REPORTED_LINES} more invalid lines not shown\n`);
  }
  return result;
}

type ParsedLine =
  | { ok: true; record: z.infer<typeof RecordSchema> }
  | { ok: false; id: string | number | null; reason: string };

function parseRecord(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // JSON.parse's message quotes the line, which may hold the very secret being looked for.
    return { ok: false, id: null, reason: 'not valid JSON' };
  }
  const result = RecordSchema.safeParse(value);
  if (result.success) return { ok: true, record: result.data };
  const id = (value as { id?: unknown } | null)?.id;
  return {
    ok: false,
    id: typeof id === 'string' || typeof id === 'number' ? id : null,
    reason: `expected {"id": string | number, "text": string}: ${describeZodIssues(result.error)}`,
  };
}
