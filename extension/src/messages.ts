/**
 * Runtime messages to the background service worker, from the content script (unprivileged:
 * anything a hostile page could make it say) and from the extension's own pages (popup,
 * dashboard, options). One zod discriminated union, handled by one map of named handlers in
 * `background/handlers.ts`. Every reply is a `Reply<T>`, so a failure reaches the UI as a message
 * instead of a rejected promise with no text.
 */
import { z } from 'zod';
import { REJECT_REASONS } from './content/screen';
import { DecisionSchema, FlowEventSchema, LIMITS, type Decision, type FlowEvent } from '@outflow/sdk/schema';

/** Filters of the dashboard's session list and charts; every field optional, all combined with AND. */
export const SessionFilterSchema = z.object({
  app: z.string().max(120).optional(),
  origin: z.string().max(300).optional(),
  provider: z.string().max(60).optional(),
  /** A finding type such as `EMAIL`: sessions that sent at least one. */
  type: z.string().max(80).optional(),
  /** Sessions with at least one call of this decision. */
  decision: z.optional(DecisionSchema),
  /** Epoch ms, inclusive, against a session's last activity. */
  from: z.number().optional(),
  to: z.number().optional(),
});
export type SessionFilter = z.infer<typeof SessionFilterSchema>;

const msg = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** Messages the content script may send. The background re-validates them and takes the origin from the sender. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  msg('bridge.hello', { app: z.string().min(1).max(120) }),
  msg('bridge.events', { events: z.array(FlowEventSchema).min(1).max(LIMITS.eventsPerBatch) }),
  /** Messages the content script dropped, by reason, so diagnostics can show them. */
  msg('bridge.rejected', { counts: z.partialRecord(z.enum(REJECT_REASONS), z.number().int().nonnegative().max(1_000_000)) }),
]);

/** Messages only the extension's own pages may send (the background checks the sender is not a tab's content script). */
export const UiMessageSchema = z.discriminatedUnion('type', [
  msg('popup.tabSummary', { tabId: z.number().int() }),
  msg('dashboard.sessions', {
    filter: SessionFilterSchema,
    limit: z.number().int().min(1).max(1000),
    offset: z.number().int().nonnegative(),
  }),
  msg('dashboard.session', { key: z.string().max(500) }),
  msg('dashboard.charts', { filter: SessionFilterSchema }),
  msg('dashboard.facets', {}),
  msg('data.export', { filter: SessionFilterSchema.optional() }),
  /** The parsed JSON of an export file; validated by the background, never trusted. */
  msg('data.import', { doc: z.unknown() }),
  msg('data.deleteSession', { key: z.string().max(500) }),
  msg('data.deleteAll', {}),
  msg('settings.get', {}),
  msg('settings.set', {
    retentionDays: z.number().int().min(1).max(3650).optional(),
    maxEvents: z.number().int().min(1000).max(5_000_000).optional(),
  }),
  /** Called after the options page obtained the optional host permission for the origin. */
  msg('origins.add', { origin: z.string().max(300) }),
  msg('origins.remove', { origin: z.string().max(300) }),
  msg('diagnostics.get', {}),
  /** The organisation export's state for options (export.otlp in managed storage). */
  msg('export.status', {}),
  /** Try the collector now, without waiting for the backoff. */
  msg('export.sendNow', {}),
  /**
   * "Where did this value go?": events carrying any of these fingerprints (computed in the
   * dashboard from the typed value; the value itself never crosses a message) made under `keyId`.
   */
  msg('dashboard.whereValue', {
    fingerprints: z.array(z.string().regex(/^[0-9a-f]{32}$/)).min(1).max(20),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
  }),
]);

export const RuntimeMessageSchema = z.union([ContentMessageSchema, UiMessageSchema]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;
export type UiMessage = z.infer<typeof UiMessageSchema>;
export type RuntimeMessage = z.infer<typeof RuntimeMessageSchema>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// What the background stores and returns

/** An event as stored: the SDK's event plus what the extension itself vouches for. */
export type StoredEvent = FlowEvent & {
  /** The sending page's origin, taken from the message sender, never from the payload. */
  origin: string;
  /** `${origin} ${sessionId}`: session ids are chosen by pages, so they are only unique per origin. */
  sessionKey: string;
  /** Epoch ms of `timestamp`, for indexing. */
  ts: number;
  receivedAt: number;
  tabId?: number;
};

/** Per-session aggregate, updated in the same transaction as the events it summarises. */
export interface SessionSummary {
  key: string;
  sessionId: string;
  origin: string;
  app: string;
  firstSeen: number;
  lastSeen: number;
  calls: number;
  bytesOut: number;
  bytesIn: number;
  tokensIn: number;
  tokensOut: number;
  /** Calls by provider, and by model. */
  providers: Record<string, number>;
  models: Record<string, number>;
  /** Finding occurrences (sum of `count`) by type, and by category. */
  findingsByType: Record<string, number>;
  findingsByCategory: Record<string, number>;
  /** Up to a few masked previews per type, for the popup. */
  samplesByType: Record<string, string[]>;
  decisions: Record<Decision, number>;
  errors: number;
  lastTabId?: number;
}

/** What the popup shows for the current tab: its latest session and its last calls. */
export interface TabSummary {
  session: SessionSummary;
  lastCalls: StoredEvent[];
}

export interface ChartData {
  findingsByType: { type: string; count: number }[];
  /** One row per provider per UTC day. */
  byProviderDay: { provider: string; day: string; calls: number; bytes: number }[];
}

export interface Facets {
  apps: string[];
  origins: string[];
  providers: string[];
  types: string[];
}

export interface Settings {
  retentionDays: number;
  maxEvents: number;
  /** Origins the employee added (optional host permissions granted at run time). */
  userOrigins: string[];
  /** Read-only, from `storage.managed` (set by IT). */
  managed: { allowedOrigins: string[]; retentionDays?: number; maxEvents?: number };
  /** Origins always allowed by the manifest (the demo's localhost). */
  builtinOrigins: string[];
}

export interface Diagnostics {
  /** Messages dropped by the content scripts and the background, by reason. */
  rejected: Record<string, number>;
  /** Events removed by retention and by the storage cap, and when that last ran. */
  evicted: { retention: number; cap: number; lastRunAt?: number };
  storedEvents: number;
  storedSessions: number;
}

/** The organisation export as options shows it; header values are secrets and never leave the background. */
export type OrgExportStatus =
  | { configured: false; problems: string[] }
  | {
      configured: true;
      problems: string[];
      /** Where records are posted (`…/v1/logs`). */
      url: string;
      headerNames: string[];
      /** Whether the extension holds host access to the collector (else the collector must allow its origin by CORS). */
      hostAccess: boolean;
      pending: number;
      delivered: number;
      /** Events not exported, by reason: `evicted-before-export`, `queue-full`, `deleted-before-export`, `rejected-by-collector`. */
      dropped: Record<string, number>;
      lastSuccessAt?: number;
      lastAttemptAt?: number;
      /** The last failure, when no batch has been delivered since. */
      lastError?: { at: number; reason: string };
      nextAttemptAt?: number;
    };

/** One event that carried a searched value. */
export interface WhereRow {
  eventId: string;
  ts: number;
  app: string;
  origin: string;
  provider: string;
  decision: Decision;
  /** The finding type the value was found as. */
  type: string;
  sessionKey: string;
}

/** What each content-script message answers with (inside `Reply`). */
export interface ContentReplies {
  /** The origin is served: the content script may answer the page's `hello` with `ready`. */
  'bridge.hello': { extensionVersion: string };
  /** Ids now durably stored (new or already there): the content script acknowledges them to the page. */
  'bridge.events': { ids: string[] };
  'bridge.rejected': null;
}

/** What each UI message answers with (inside `Reply`). Handlers and `ask()` are typed by it. */
export interface UiReplies {
  'popup.tabSummary': TabSummary | null;
  'dashboard.sessions': { sessions: SessionSummary[]; total: number };
  'dashboard.session': { session: SessionSummary; events: StoredEvent[] } | null;
  'dashboard.charts': ChartData;
  'dashboard.facets': Facets;
  /** An export document: see `store/export.ts` for its schema. */
  'data.export': unknown;
  'data.import': { sessions: number; events: number; skippedExisting: number };
  'data.deleteSession': { deletedEvents: number };
  'data.deleteAll': { deletedEvents: number };
  'settings.get': Settings;
  'settings.set': Settings;
  'origins.add': Settings;
  'origins.remove': Settings;
  'diagnostics.get': Diagnostics;
  'export.status': OrgExportStatus;
  'export.sendNow': OrgExportStatus;
  /** Newest first; `truncated` when more than the rows returned matched. */
  'dashboard.whereValue': { rows: WhereRow[]; searchedEvents: number; truncated: boolean };
}
