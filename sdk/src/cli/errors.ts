/**
 * Exit codes and the one error type a command throws to end with "bad usage or input".
 * Messages never contain a raw value read from the input: file names, line numbers and reasons only.
 */

/** The process exit codes every `outflow` command uses. */
export const EXIT = {
  /** Nothing found (scan), or the report was produced. */
  ok: 0,
  /** `scan` found at least one sensitive value. */
  found: 1,
  /** Bad usage or bad input: an unknown option, a missing file, an invalid policy or line. */
  usage: 2,
  /** A bug in outflow itself (the message says so); never a verdict on the input. */
  internal: 3,
  /** A server the command needs (ClickHouse) could not be reached or refused the data. */
  unavailable: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends the command with exit code 2 and this message (printed as `outflow: <message>`). */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
  /** Whether to remind the user of `--help` (for mistakes on the command line, not in files). */
  readonly showHelpHint: boolean;

  constructor(message: string, options: { showHelpHint?: boolean } = {}) {
    super(message);
    this.showHelpHint = options.showHelpHint ?? false;
  }
}
