/**
 * Opening the inputs a command reads: files named on the command line, or stdin for `-`.
 * Every input is checked before any is read, so a typo fails fast with exit code 2.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CliUsageError } from './errors';

/** The name used for stdin in messages and output. */
export const STDIN_NAME = '-';

/** Throws a usage error naming the first input that does not exist or is not a readable file. */
export function checkInputs(paths: readonly string[]): void {
  if (paths.filter((p) => p === STDIN_NAME).length > 1) throw new CliUsageError('stdin (-) can be read only once');
  for (const path of paths) {
    if (path === STDIN_NAME) continue;
    let isFile: boolean;
    try {
      isFile = statSync(path).isFile();
    } catch (error) {
      throw new CliUsageError(`${path}: ${describeFsError(error)}`);
    }
    if (!isFile) throw new CliUsageError(`${path}: not a regular file`);
  }
}

/**
 * A byte stream over the input.
 * @param chunkBytes read size; @default 262144 (256 KiB)
 */
export function openInput(path: string, stdin: Readable, chunkBytes = 256 * 1024): Readable {
  return path === STDIN_NAME ? stdin : createReadStream(path, { highWaterMark: chunkBytes });
}

/** Whether `error` is a Node system error (it has an `ENOENT`-style code). */
export function isSystemError(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === 'string';
}

/** `ENOENT` → `no such file`, without the path (the caller names it). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return typeof code === 'string' ? `cannot read (${code})` : 'cannot read';
  }
}
