/**
 * The export document: every selected session and its events, schema-versioned, with a SHA-256
 * digest of its content. Importing parses the file with zod, checks the digest, checks that each
 * session's aggregates add up from its events, and only then stores it (idempotently). Every
 * refusal names what is wrong, so a reviewer knows whether the file is foreign, damaged or edited.
 * Version 2 adds `chain`, the hash-chain proof `outflow verify` checks (store/chain.ts); an import
 * reads versions 1 and 2 and re-chains what it stores, since this browser's chain is its own.
 */
import { z } from 'zod';
import type { ChainProof } from '@outflow/sdk/chain/index';
import { DecisionSchema, FlowEventObjectSchema, SOURCE_KINDS, upgradeFlowEvent } from '@outflow/sdk/schema';
import type { SessionSummary, StoredEvent } from '../messages';
import { publicSummary, sessionKeyOf, summarise } from './aggregate';

export const EXPORT_FORMAT = 'outflow-export';
export const EXPORT_SCHEMA_VERSION = 2;
/** Every version an import reads: 1 is the same document without `chain`. */
export const READABLE_EXPORT_VERSIONS = [1, 2] as const;

/**
 * Runtime messages are capped (about 64 MiB in Chrome), and the export travels in one. Past this
 * many characters the export is refused with a message asking for a narrower filter.
 */
export const MAX_EXPORT_CHARS = 48 * 1024 * 1024;

const count = z.number().int().nonnegative();
const counts = z.record(z.string().max(300), count);

/** Events of an older schema version (exported before coverage existed) are read as the SDK reads them. */
export const StoredEventSchema = z.preprocess(
  upgradeFlowEvent,
  z.object({
    ...FlowEventObjectSchema.shape,
    origin: z.string().min(1).max(300),
    sessionKey: z.string().max(500),
    ts: z.number(),
    receivedAt: z.number(),
    tabId: z.number().int().optional(),
  }),
);

export const SessionSummarySchema = z.object({
  key: z.string().max(500),
  sessionId: z.string().max(128),
  origin: z.string().max(300),
  app: z.string().max(120),
  // Exports from before web-app capture have SDK sessions only.
  kind: z.enum(SOURCE_KINDS).default('sdk'),
  firstSeen: z.number(),
  lastSeen: z.number(),
  calls: count,
  bytesOut: count,
  bytesIn: count,
  tokensIn: count,
  tokensOut: count,
  providers: counts,
  models: counts,
  findingsByType: counts,
  findingsByCategory: counts,
  samplesByType: z.record(z.string().max(80), z.array(z.string().max(64)).max(10)),
  decisions: z.record(DecisionSchema, count),
  errors: count,
  lastTabId: z.number().int().optional(),
});

export const DigestSchema = z.object({ algorithm: z.literal('SHA-256'), value: z.string().regex(/^[0-9a-f]{64}$/) });

export const ExportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `not an Outflow export (its "format" must be "${EXPORT_FORMAT}")` }),
  schemaVersion: z.literal(READABLE_EXPORT_VERSIONS, { error: `an export schema version this extension does not read (it reads ${READABLE_EXPORT_VERSIONS.join(' and ')})` }),
  exportedAt: z.iso.datetime({ offset: true }),
  extensionVersion: z.string().max(40),
  digest: DigestSchema,
  sessions: z.array(SessionSummarySchema),
  events: z.array(StoredEventSchema),
  /** Checked by `outflow verify`, not on import (see above). */
  chain: z.unknown().optional(),
});
export type ExportDocument = Omit<z.infer<typeof ExportDocumentSchema>, 'chain'> & { chain?: ChainProof };

/** The digested content: exactly these two arrays, serialized as they appear in the file. */
function digestInput(sessions: unknown, events: unknown): string {
  return JSON.stringify({ sessions, events });
}

async function sha256Hex(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class ExportTooLargeError extends Error {
  override name = 'ExportTooLargeError';
}

export async function buildExport(
  sessions: SessionSummary[],
  events: StoredEvent[],
  meta: { extensionVersion: string; now?: Date; chain?: ChainProof },
): Promise<ExportDocument> {
  const content = digestInput(sessions, events);
  // Every link after the base travels with any export (about 130 characters each).
  const size = content.length + (meta.chain ? JSON.stringify(meta.chain).length : 0);
  if (size > MAX_EXPORT_CHARS) {
    throw new ExportTooLargeError(
      `This export would be ${Math.round(size / 1048576)} MB, over the ${MAX_EXPORT_CHARS / 1048576} MB an extension message can carry: filter by app, origin or date range and export in parts.`,
    );
  }
  return {
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: (meta.now ?? new Date()).toISOString(),
    extensionVersion: meta.extensionVersion,
    digest: { algorithm: 'SHA-256', value: await sha256Hex(content) },
    sessions,
    events,
    ...(meta.chain ? { chain: meta.chain } : {}),
  };
}

export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
}

/** Formats the first few zod issues as `path: message` lines a person can act on. */
function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`);
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return lines.join('; ') + more;
}

/** Fields whose exported value must equal the value recomputed from the events. */
const CHECKED_FIELDS = [
  'sessionId',
  'origin',
  'kind',
  'firstSeen',
  'lastSeen',
  'calls',
  'bytesOut',
  'bytesIn',
  'tokensIn',
  'tokensOut',
  'providers',
  'models',
  'findingsByType',
  'findingsByCategory',
  'decisions',
  'errors',
] as const satisfies readonly (keyof SessionSummary)[];

const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
}

/**
 * Validates a parsed export file; returns its events (ready to store) or throws
 * `ImportRejectedError` naming the first problem found.
 */
export async function validateImport(doc: unknown): Promise<{ sessions: SessionSummary[]; events: StoredEvent[] }> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ImportRejectedError('The file is not an Outflow export: it is not a JSON object.');
  }
  const parsed = ExportDocumentSchema.safeParse(doc);
  if (!parsed.success) throw new ImportRejectedError(`The file is not a valid Outflow export: ${describeIssues(parsed.error)}.`);
  const raw = doc as { sessions: unknown; events: unknown };
  if ((await sha256Hex(digestInput(raw.sessions, raw.events))) !== parsed.data.digest.value) {
    throw new ImportRejectedError('The file was modified after export: its SHA-256 digest does not match its sessions and events.');
  }
  const { sessions, events } = parsed.data as unknown as { sessions: SessionSummary[]; events: StoredEvent[] };
  const seen = new Set<string>();
  for (const [i, event] of events.entries()) {
    if (seen.has(event.id)) throw new ImportRejectedError(`Event ${i} (${event.id}) appears twice in the file.`);
    seen.add(event.id);
    if (event.sessionKey !== sessionKeyOf(event.origin, event.sessionId)) {
      throw new ImportRejectedError(`Event ${i} (${event.id}): its sessionKey does not match its origin and sessionId.`);
    }
    if (event.ts !== Math.min(Date.parse(event.timestamp), event.receivedAt)) throw new ImportRejectedError(`Event ${i} (${event.id}): its ts does not match its timestamp.`);
  }
  const recomputed = summarise(events);
  const keys = new Set(sessions.map((session) => session.key));
  for (const key of recomputed.keys()) {
    if (!keys.has(key)) throw new ImportRejectedError(`Events of session "${key}" are in the file but the session is not.`);
  }
  for (const session of sessions) {
    const expected = recomputed.get(session.key);
    if (!expected) throw new ImportRejectedError(`Session "${session.key}" has no events in the file.`);
    const wrong = CHECKED_FIELDS.filter((field) => !same(session[field], publicSummary(expected)[field]));
    if (wrong.length > 0) {
      throw new ImportRejectedError(`Session "${session.key}": ${wrong.join(', ')} ${wrong.length === 1 ? 'does' : 'do'} not add up from its events.`);
    }
  }
  return { sessions, events };
}
