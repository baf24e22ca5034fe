/** The `--help` texts. */

export const mainHelp = `Usage: outflow <command> [options]

See what sensitive data is in files and in logs of AI calls.

Commands:
  scan FILE... | -           find sensitive data (emails, keys, card numbers, …) in files or stdin
  scan --jsonl FILE | -      scan one {"id", "text"} record per line, one result line per record
  report FILE.jsonl... | -   per-session summary of a FlowEvent log written by the SDK's jsonlSink

Options:
  -h, --help                 show help (also: outflow <command> --help)
  -v, --version              show the version

Exit codes: 0 nothing found / done, 1 findings (scan), 2 bad usage or input, 3 internal error.
`;

export const scanHelp = `Usage: outflow scan [options] FILE... | -
       outflow scan --jsonl [options] FILE | -

Prints every sensitive value found, as its type, a masked preview and a keyed fingerprint —
never the value itself.

Options:
  --format text|json         text (default): one line per finding, "path:line:col  TYPE  preview  (confidence)";
                             json: one document {"files": [{"path", "findings": [...]}], "summary"}
  --jsonl                    input is JSON lines {"id": string|number, "text": string}; output is one line
                             {"id", "findings": [...]} per record, in input order (offsets within "text").
                             A bad line gets {"id", "error"} and a message naming its line; the run goes on
                             and exits with 2. Blank lines are skipped.
  --policy FILE              policy JSON: adds its customDetectors and turns off its disabledTypes
  --types A,B                report only these types (e.g. EMAIL,CUSTOM:codenames)
  --exclude-types A,B        never report these types
  --fingerprint-key KEY      HMAC key for fingerprints (prefer the OUTFLOW_FINGERPRINT_KEY environment
                             variable: a key on the command line is visible to other local users).
                             Default: a random key per run, so fingerprints are comparable only
                             within one run.
  -h, --help                 show this help

Lines and columns count from 1; columns and offsets are in UTF-16 code units (JavaScript string
indices). On a terminal, a progress line is shown on stderr for long inputs.

Exit codes: 0 nothing found, 1 something found, 2 bad usage or input (the message names the
file and line), 3 internal error.

Examples:
  outflow scan notes.txt .env config/*.json
  git diff | outflow scan -
  outflow scan --format json --types EMAIL,CREDIT_CARD export.csv
  outflow scan --jsonl prompts.jsonl --policy policy.json > findings.jsonl
`;

export const reportHelp = `Usage: outflow report [options] FILE.jsonl... | -

Summarises a JSONL log of FlowEvents (one event per line, as the SDK's jsonlSink writes it; give
rotated files together) per session: app, first and last call, calls, destinations, bytes and
tokens, findings by type, blocked and redacted calls, errors.

Options:
  --format text|json         text (default) or one JSON document
  -h, --help                 show this help

Invalid lines are counted and named (file:line and the reason) on stderr, and the report goes on.

Exit codes: 0 report written, 2 bad usage, unreadable file, or no valid event at all,
3 internal error.
`;
