/**
 * The organisation store's table: one row per FlowEvent. Column names follow the OpenTelemetry
 * Collector's `otel_logs` table where one applies (`Timestamp`, `TimeUnixNano`, `EventName`,
 * `SeverityText`, `SeverityNumber`, `ServiceName`, `Body`), with types every server we support
 * has: ClickHouse 18.16 (Debian's package) lacks `DateTime64`, `Map` and query parameters, so
 * time is `DateTime('UTC')` plus the exact `TimeUnixNano`, attributes are typed columns, and
 * findings are `Nested` (parallel arrays).
 *
 * `ReplacingMergeTree` keyed by the event id (with its app and time, which one event never
 * changes): loading the same events twice leaves one row each once merged, and every saved
 * query reads `FINAL`, so a second load changes no result even before the merge.
 */

/**
 * Columns added after the first release of the table (budgets and usage signals, issue 15), as
 * `Nested` parts spelled out: `init` adds the ones an existing table lacks, since ClickHouse 18.16
 * has no `ADD COLUMN IF NOT EXISTS`.
 */
export const ADDED_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['Budgets.Id', 'Array(String)'],
  ['Budgets.Action', 'Array(String)'],
  ['Budgets.Exceeded', 'Array(String)'],
  ['Signals.Kind', 'Array(String)'],
  ['Signals.Score', 'Array(Float32)'],
  ['Signals.Window', 'Array(String)'],
  ['Signals.Action', 'Array(String)'],
];

/** The ALTER that gives a table made before them the columns of `ADDED_COLUMNS` it lacks, or nothing. */
export function addMissingColumnsSql(table: string, existing: ReadonlySet<string>): string | undefined {
  const missing = ADDED_COLUMNS.filter(([name]) => !existing.has(name));
  if (missing.length === 0) return undefined;
  return `ALTER TABLE ${table} ${missing.map(([name, type]) => `ADD COLUMN \`${name}\` ${type}`).join(', ')}`;
}

/** The default table name; `--table` / the sink's `table` option picks another. */
export const DEFAULT_TABLE = 'outflow_events';

/** A table or database name we put into SQL: letters, digits and `_`, so no quoting is needed. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table}
(
    Timestamp DateTime('UTC'),
    TimeUnixNano UInt64,
    EventName String,
    SeverityText String,
    SeverityNumber UInt8,
    ServiceName String,
    Body String,
    EventId String,
    SessionId String,
    Seq UInt32,
    SourceKind String,
    Runtime String,
    SdkVersion String,
    Origin String,
    ProviderName String,
    Provider String,
    OperationName String,
    Api String,
    ServerAddress String,
    UrlPath String,
    RequestModel String,
    External UInt8,
    Decision String,
    ErrorType String,
    RequestMethod String,
    RequestBytes UInt64,
    RequestChars UInt64,
    Attachments UInt16,
    ResponseStatus UInt16,
    ResponseBytes UInt64,
    LatencyMs Float64,
    InputTokens UInt64,
    OutputTokens UInt64,
    Streamed UInt8,
    CoverageComplete UInt8,
    Unscanned Nested(Where String, Reason String, Bytes UInt64),
    Findings Nested(Type String, Category String, Count UInt32, Field String, Action String, Confidence Float32),
    FindingsTotal UInt32,
    Fingerprints Array(String),
    FingerprintTypes Array(String),
    FingerprintKeyId String,
    LoadedAt DateTime('UTC'),
${ADDED_COLUMNS.map(([name, type]) => `    \`${name}\` ${type}`).join(',\n')}
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (ServiceName, Timestamp, EventId)`;
}
