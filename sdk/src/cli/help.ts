/** The `--help` texts. */

export const mainHelp = `Usage: outflow <command> [options]

See what sensitive data is in files and in logs of AI calls.

Commands:
  scan FILE... | -           find sensitive data (emails, keys, card numbers, …) in files or stdin
  scan --jsonl FILE | -      scan one {"id", "text"} record per line, one result line per record
  report FILE.jsonl... | -   per-session summary of a FlowEvent log written by the SDK's jsonlSink
                             (or of an extension export)
  clickhouse init|load|where|query|queries
                             the organisation store on ClickHouse (outflow clickhouse --help)
  verify EXPORT.json         check an extension export's hash chain and signed checkpoints

Options:
  -h, --help                 show help (also: outflow <command> --help)
  -v, --version              show the version

Exit codes: 0 nothing found / done, 1 findings (scan), 2 bad usage or input, 3 internal error,
4 a server the command needs (ClickHouse) failed.
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
  --fingerprint-key KEY      HMAC key for fingerprints, at least 32 bytes (prefer the
                             OUTFLOW_FINGERPRINT_KEY environment variable: a key on the command
                             line is visible to other local users). Default: a random key per run,
                             so fingerprints are comparable only within one run.
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

export const clickhouseHelp = `Usage: outflow clickhouse <command> --url URL [options]

The organisation store: FlowEvents from services (JSONL logs, clickhouseSink) and from the
extension (exports) in one ClickHouse table, for the reviewers' saved queries.

Commands:
  init                       create the table (idempotent)
  load FILE... | -           load JSONL logs and extension exports; loading the same events twice
                             changes no query result (rows are deduplicated by event id)
  where --value-stdin        "where did this value go?": reads the value from stdin, fingerprints
                             it locally with the organisation key and lists every event that
                             carried it (time, app, origin, provider, decision). The value never
                             leaves this process. Exit 0 found, 1 not found.
  query NAME [--days N]      run a saved query (default: the last 30 days)
  queries                    list the saved queries

Connection:
  --url URL                  the server's HTTP interface (or OUTFLOW_CLICKHOUSE_URL), e.g.
                             http://localhost:8123; the password comes from the URL or
                             OUTFLOW_CLICKHOUSE_PASSWORD
  --user NAME                (or OUTFLOW_CLICKHOUSE_USER)
  --database NAME            default: the user's default database
  --table NAME               default: outflow_events

Options:
  --batch N                  load: events per INSERT (default 20000)
  --fingerprint-key-file F   where: the organisation fingerprint key (or OUTFLOW_FINGERPRINT_KEY);
                             at least 32 bytes, the same key the SDK and the extension use
  --policy FILE              where: custom detectors, so their values normalise as when found
  --format text|json         where, query: output format (default text)
  -h, --help                 show this help

Exit codes: 0 done (where: found), 1 where: not found, 2 bad usage or input (invalid lines are
named, valid ones are still loaded), 3 internal error, 4 the server could not be reached or
refused a batch (re-running the same load is safe).
`;

export const verifyHelp = `Usage: outflow verify [options] EXPORT.json

Checks the records of an extension export: its digest, the hash chain that links every stored
event to the one before it, and the checkpoints the extension signed with its own key. Names the
first broken link (an edited event), a gap (a removed event), or a rewritten history (a chain
re-signed with another key, or one that no longer extends an export you verified before).

Options:
  --trusted-key KEYID        the signing key id an earlier verify printed for this browser
  --previous OLD.json        an earlier export from the same browser: this one must extend it
  --format text|json         output format (default text)
  -h, --help                 show this help

Exit codes: 0 verified, 1 verification failed (the reason is printed), 2 bad usage or not a
verifiable export.
`;
