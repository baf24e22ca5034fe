/**
 * Command-line parsing shared by the commands: Node's own `parseArgs` in strict mode, with its
 * errors turned into exit-code-2 usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` against `options`; positionals are allowed (`-` stands for stdin). */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(message, { showHelpHint: true });
  }
}

/** `A,B , C` → `['A', 'B', 'C']`; empty items are dropped. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Checks an enumerated option such as `--format`. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliUsageError(`${option} must be one of ${allowed.join(', ')}`, { showHelpHint: true });
}
