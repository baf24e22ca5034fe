/**
 * `outflow scan FILE... | -`: scans whole files block by block (see `line-blocks.ts`) and prints
 * each finding with its file, line and column, as text lines or one JSON document.
 */
import type { Readable, Writable } from 'node:stream';
import { describeFsError, isSystemError, openInput } from './input';
import { BlockPositions, readLineBlocks } from './line-blocks';
import { BufferedOutput } from './output';
import { findingJson, findingTextLine, type LocatedFinding } from './finding-format';
import { Progress, type ProgressStream } from './progress';
import type { Scanner } from './scanner-setup';

export type ScanFormat = 'text' | 'json';

export interface FileScanIO {
  stdin: Readable;
  stdout: Writable;
  stderr: ProgressStream;
}

export interface FileScanResult {
  findings: number;
  /** Inputs that could not be read to the end (already reported on stderr). */
  failedInputs: number;
  bytes: number;
  lines: number;
}

/** Scans every input in order and writes the findings to stdout in `format`. */
export async function scanFiles(paths: readonly string[], scanner: Scanner, format: ScanFormat, io: FileScanIO): Promise<FileScanResult> {
  const out = new BufferedOutput(io.stdout);
  const result: FileScanResult = { findings: 0, failedInputs: 0, bytes: 0, lines: 0 };
  if (format === 'json') await out.write('{"files":[');

  for (const [index, path] of paths.entries()) {
    if (format === 'json') await out.write(`${index > 0 ? ',' : ''}{"path":${JSON.stringify(path)},"findings":[`);
    let count = 0;
    const emit = async (located: LocatedFinding) => {
      if (format === 'json') await out.write(`${count > 0 ? ',' : ''}${JSON.stringify(findingJson(located))}`);
      else await out.write(findingTextLine(path, located));
      count++;
    };
    const progress = new Progress(io.stderr, `scanning ${path}`);
    let error: string | undefined;
    try {
      await scanInput(openInput(path, io.stdin), scanner, emit, (bytes, lines) => {
        result.bytes += bytes;
        result.lines += lines;
        progress.advance(bytes, lines);
      });
    } catch (cause) {
      // Only read failures are the input's fault; anything else is a bug and must surface.
      if (!isSystemError(cause)) throw cause;
      error = describeFsError(cause);
      result.failedInputs++;
    } finally {
      progress.done();
    }
    if (error !== undefined) io.stderr.write(`outflow: ${path}: ${error}; its findings are incomplete\n`);
    result.findings += count;
    if (format === 'json') await out.write(error === undefined ? ']}' : `],"error":${JSON.stringify(error)}}`);
  }

  if (format === 'json') await out.write(`],"summary":{"files":${paths.length},"findings":${result.findings}}}\n`);
  await out.flush();
  return result;
}

/** Feeds one input to the scanner block by block, emitting findings in input order. */
async function scanInput(
  input: Readable,
  scanner: Scanner,
  emit: (located: LocatedFinding) => Promise<void>,
  onBlock: (bytes: number, lines: number) => void,
): Promise<void> {
  for await (const block of readLineBlocks(input)) {
    const findings = scanner.scan(block.text).filter((f) => f.start >= block.overlap);
    if (findings.length > 0) {
      findings.sort((a, b) => a.start - b.start || a.end - b.end);
      const positions = new BlockPositions(block);
      for (const finding of findings) {
        const { line, column } = positions.at(finding.start);
        await emit({ finding, start: block.offset + finding.start, end: block.offset + finding.end, line, column });
      }
    }
    onBlock(block.bytes, block.newlines);
  }
}
