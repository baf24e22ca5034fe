/**
 * What IT sets for the organisation's view in managed storage (`managed_schema.json`): where the
 * extension sends its events (`export.otlp = { endpoint, headers }`) and the organisation's
 * fingerprint key (`fingerprintKey`). Read by the background (export) and the dashboard (the
 * "where did this value go?" search); never sent over runtime messages, since the headers and
 * the key are secrets. Parsed with zod like every managed value; an invalid one is ignored, and
 * says why, rather than trusted. Pure: `managed-org.ts` reads the storage.
 */
import { z } from 'zod';
import { keyBytes, MIN_FINGERPRINT_KEY_BYTES } from '@outflow/sdk/detect/fingerprint';

/** Headers a collector may need (an API key, a tenant), never ones fetch itself owns. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_HEADERS = new Set(['content-type', 'content-length', 'host', 'connection', 'transfer-encoding']);

export interface OtlpExportConfig {
  /** The full URL posted to: the endpoint with `/v1/logs` appended unless it ends with it (as the SDK's `otlpSink`). */
  url: string;
  headers: Record<string, string>;
}

export interface OrgSettings {
  otlp?: OtlpExportConfig;
  fingerprintKey?: string;
  /** Managed values that were set but refused, with the reason (shown in options). */
  problems: string[];
}

const OtlpSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'export.otlp.endpoint must be an http(s) URL' }),
  headers: z.record(z.string(), z.string().max(4096)).optional(),
});

export function parseOtlpConfig(raw: unknown): OtlpExportConfig | { error: string } {
  const parsed = OtlpSchema.safeParse(raw);
  if (!parsed.success) return { error: `export.otlp is ignored: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ')}` };
  for (const name of Object.keys(parsed.data.headers ?? {})) {
    if (!HEADER_NAME.test(name)) return { error: `export.otlp is ignored: headers: ${JSON.stringify(name)} is not a header name` };
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) return { error: `export.otlp is ignored: headers: ${name} is set by the extension` };
  }
  const url = new URL(parsed.data.endpoint);
  if (url.username || url.password) return { error: 'export.otlp is ignored: put credentials in export.otlp.headers, not in the endpoint URL' };
  const base = url.href.replace(/\/+$/, '');
  return { url: base.endsWith('/v1/logs') ? base : `${base}/v1/logs`, headers: parsed.data.headers ?? {} };
}

export function parseFingerprintKey(raw: unknown): { key: string } | { error: string } {
  if (typeof raw !== 'string') return { error: 'fingerprintKey is ignored: it must be a string' };
  const bytes = keyBytes(raw).length;
  // The same rule as the SDK's createOutflow, so a key that works in services works here.
  if (bytes < MIN_FINGERPRINT_KEY_BYTES) return { error: `fingerprintKey is ignored: it has ${bytes} bytes, an organisation key has at least ${MIN_FINGERPRINT_KEY_BYTES}` };
  return { key: raw };
}

/** IT's managed values (as `storage.managed.get` returns them), read; each bad one ignored with a reason. */
export function orgSettingsFrom(managed: Record<string, unknown>): OrgSettings {
  const settings: OrgSettings = { problems: [] };
  const otlp = (managed.export as { otlp?: unknown } | undefined)?.otlp;
  if (otlp !== undefined) {
    const parsed = parseOtlpConfig(otlp);
    if ('error' in parsed) settings.problems.push(parsed.error);
    else settings.otlp = parsed;
  }
  if (managed.fingerprintKey !== undefined) {
    const parsed = parseFingerprintKey(managed.fingerprintKey);
    if ('error' in parsed) settings.problems.push(parsed.error);
    else settings.fingerprintKey = parsed.key;
  }
  return settings;
}
