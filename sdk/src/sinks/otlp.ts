/**
 * Exports events as OpenTelemetry logs over OTLP/HTTP JSON (`POST {endpoint}/v1/logs`), one log
 * record per event: the event as the JSON body, its main fields as attributes so a collector can
 * filter without parsing. Events carry no raw sensitive values, so nothing extra is exposed.
 */
import { uninstrumented } from '../instrument/fetch';
import type { FlowEvent } from '../schema';
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
      const body = JSON.stringify(toLogsRequest(events, options.serviceName ?? 'outflow'));
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

type AnyValue = { stringValue: string } | { intValue: string } | { boolValue: boolean };

function attribute(key: string, value: string | number | boolean | undefined): { key: string; value: AnyValue } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  if (typeof value === 'number') return { key, value: { intValue: String(Math.round(value)) } };
  return { key, value: { stringValue: value } };
}

/** The OTLP/JSON `ExportLogsServiceRequest` for a batch. */
export function toLogsRequest(events: readonly FlowEvent[], serviceName: string): unknown {
  return {
    resourceLogs: [
      {
        resource: { attributes: [attribute('service.name', serviceName)] },
        scopeLogs: [
          {
            scope: { name: '@outflow/sdk' },
            logRecords: events.map((event) => ({
              timeUnixNano: `${BigInt(Date.parse(event.timestamp)) * 1_000_000n}`,
              severityNumber: event.decision === 'blocked' ? 13 : 9,
              severityText: event.decision === 'blocked' ? 'WARN' : 'INFO',
              body: { stringValue: JSON.stringify(event) },
              attributes: [
                attribute('event.name', 'outflow.flow'),
                attribute('outflow.event.id', event.id),
                attribute('outflow.session.id', event.sessionId),
                attribute('outflow.app', event.source.app),
                attribute('outflow.decision', event.decision),
                attribute('outflow.destination.provider', event.destination.provider),
                attribute('outflow.destination.host', event.destination.host),
                attribute('outflow.destination.external', event.destination.external),
                attribute('outflow.findings.types', [...new Set(event.findings.map((f) => f.type))].join(',')),
                attribute('http.response.status_code', event.response?.status),
              ].filter((a) => a !== undefined),
            })),
          },
        ],
      },
    ],
  };
}
