/**
 * Exports events as OpenTelemetry logs over OTLP/HTTP JSON (`POST {endpoint}/v1/logs`): an
 * `outflow.flow` record per event with the GenAI semantic conventions, and a
 * `gen_ai.security.finding` record per finding (see otel/logs.ts). Events carry no raw sensitive
 * values, so nothing extra is exposed.
 */
import { uninstrumented } from '../instrument/fetch';
import { toExportLogsRequest } from '../otel/logs';
import { SDK_VERSION } from '../internal/runtime';
import type { Sink } from './types';

export interface OtlpSinkOptions {
  /** Collector base URL; `/v1/logs` is appended unless the URL already ends with it. @default 'http://localhost:4318' */
  endpoint?: string;
  /** Extra request headers (an API key for a hosted collector). @default {} */
  headers?: Record<string, string>;
  /** `service.name` resource attribute. @default 'outflow' */
  serviceName?: string;
  /** The fetch used to export: must be the unwrapped one, so exports are never recorded as calls. @default the platform's fetch, from under `outflow.instrument()` */
  fetch?: typeof fetch;
  /** An export the collector has not answered in this long is abandoned (and counted as a sink error), so a hung collector cannot stall the queue or `flush()`. @default 10000 */
  timeoutMs?: number;
}

export function otlpSink(options: OtlpSinkOptions = {}): Sink {
  const base = (options.endpoint ?? 'http://localhost:4318').replace(/\/+$/, '');
  const url = base.endsWith('/v1/logs') ? base : `${base}/v1/logs`;
  const pending = new Set<Promise<void>>();
  return {
    name: 'otlp',
    write(events) {
      const body = JSON.stringify(toExportLogsRequest(events, { serviceName: options.serviceName ?? 'outflow', scope: { name: '@outflow/sdk', version: SDK_VERSION } }));
      const request = (async () => {
        const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
        // Looked up at each export, so an `instrument()` made after this sink was created is stepped around too.
        const send = options.fetch ?? uninstrumented(globalThis.fetch);
        const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body, signal });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`OTLP export failed: HTTP ${response.status}`);
      })();
      pending.add(request);
      return request.finally(() => pending.delete(request));
    },
    async flush() {
      await Promise.allSettled([...pending]);
    },
  };
}
