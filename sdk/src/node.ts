/**
 * `@outflow/sdk/node`: the parts that need Node.js (file system). Everything else comes from
 * `@outflow/sdk`.
 */
export { jsonlSink, rotatedPath, type JsonlSink, type JsonlSinkOptions } from './sinks/jsonl';
export { otlpSink, type OtlpSinkOptions } from './sinks/otlp';
