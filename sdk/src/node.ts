/**
 * `@outflow/sdk/node`: the parts that need Node.js (file system, the ClickHouse client).
 * Everything else comes from `@outflow/sdk`.
 */
export { jsonlSink, rotatedPath, type JsonlSink, type JsonlSinkOptions } from './sinks/jsonl';
export { otlpSink, type OtlpSinkOptions } from './sinks/otlp';
export { clickhouseSink, type ClickHouseSink, type ClickHouseSinkOptions } from './sinks/clickhouse';
export { openEventStore, type ClickHouseOptions, type EventStore } from './clickhouse/store';
export { SAVED_QUERIES, savedQuerySql, type SavedQuery } from './clickhouse/queries';
