/**
 * Runtime messages to the background service worker, from the content script (unprivileged:
 * anything a hostile page could make it say) and from the extension's own pages (popup,
 * dashboard, options). One zod discriminated union, handled by one map of named handlers in
 * `background/handlers.ts`. Every reply is a `Reply<T>`, so a failure reaches the UI as a message
 * instead of a rejected promise with no text.
 */
import { z } from 'zod';
import { REJECT_REASONS } from './content/screen';
import { WireFileSchema, WireRequestSchema } from './sites/wire-request';
import { MAX_READ_CHARS } from './sites/wire-types';
import { DecisionSchema, FlowEventSchema, LIMITS, type Decision, type EventSignal, type FlowEvent, type Policy, type SignalKind } from '@outflow/sdk/schema';

/** IT's verdict on an AI app. */
export const APP_TAGS = ['sanctioned', 'tolerated', 'unsanctioned'] as const;
export type AppTag = (typeof APP_TAGS)[number];

/**
 * Why capture in an AI web app may be missing sends (see docs/extension.md, "Capture health"):
 * a send-like request the adapter cannot read, no composer on the page, a send gesture with no
 * request seen, a wrapper that never paired with the content script, a wrapper that failed.
 */
export const CAPTURE_PROBLEMS = ['unparsed', 'composer-missing', 'wire-silent', 'wire-missing', 'wrapper-failure'] as const;
export type CaptureProblem = (typeof CAPTURE_PROBLEMS)[number];

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
  /** SDK events only: web-app events are built by the background itself, never accepted from a page. */
  msg('bridge.events', {
    events: z
      .array(FlowEventSchema)
      .min(1)
      .max(LIMITS.eventsPerBatch)
      .refine((events) => events.every((event) => event.source.kind === 'sdk'), 'a page may only send SDK events'),
  }),
  /** Messages the content script dropped, by reason, so diagnostics can show them. */
  msg('bridge.rejected', { counts: z.partialRecord(z.enum(REJECT_REASONS), z.number().int().nonnegative().max(1_000_000)) }),
]);

/** The employee's answer to a notice. */
export const ChoiceSchema = z.object({
  outcome: z.enum(['continued', 'cancelled']),
  /** The reason given under `justify`; scanned, and stored with sensitive values replaced. */
  justification: z.string().max(2000).optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

/**
 * Messages of the content script in the seven AI web apps. The background accepts them only from
 * a tab whose origin is one of those apps', and takes the app from that origin, never the payload.
 */
export const WebAppMessageSchema = z.discriminatedUnion('type', [
  /** Which app, and whether requests must wait for their verdict; `pageLoad` starts the page's health afresh. */
  msg('webapp.hello', { pageLoad: z.boolean() }),
  /** A request the page-world wrapper handed over; `held`: it waits for this reply. `choice`: the answer to a notice this reply asked for. */
  msg('webapp.capture', { request: WireRequestSchema, held: z.boolean(), choice: ChoiceSchema.optional() }),
  /** Text and files about to enter the composer (paste, drop, file selection), checked before they do. */
  msg('webapp.inspectText', {
    at: z.enum(['paste', 'drop', 'file']),
    text: z.string().max(MAX_READ_CHARS),
    files: z.array(WireFileSchema).max(20),
  }),
  /** The answer to a notice `webapp.inspectText` asked for. */
  msg('webapp.answer', { token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), choice: ChoiceSchema }),
  /** The domain of the signed-in account's address (never the address). */
  msg('webapp.account', { domain: z.string().max(253) }),
  msg('webapp.problem', { problem: z.enum(CAPTURE_PROBLEMS) }),
]);
export type WebAppMessage = z.infer<typeof WebAppMessageSchema>;

/** Messages only the extension's own pages may send (the background checks the sender is not a tab's content script). */
export const UiMessageSchema = z.discriminatedUnion('type', [
  msg('popup.tabSummary', { tabId: z.number().int() }),
  /** Capture on the tab, when it shows one of the AI web apps the extension reads. */
  msg('popup.tabCapture', { tabId: z.number().int() }),
  /** The AI apps: the seven read, others visited (shadow AI), with their tags, accounts and capture health. */
  msg('dashboard.apps', {}),
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
  /** The employee's own policy for the AI web apps (validated with the SDK's `PolicySchema`); `null` removes it. */
  msg('settings.setPolicy', { policy: z.unknown() }),
  msg('settings.setOrgDomains', { domains: z.array(z.string().max(300)).max(200) }),
  /** Tags an AI app's domain sanctioned, tolerated or unsanctioned; `null` removes the tag. */
  msg('settings.setAppTag', { domain: z.string().max(300), tag: z.enum(APP_TAGS).nullable() }),
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

export const RuntimeMessageSchema = z.union([ContentMessageSchema, WebAppMessageSchema, UiMessageSchema]);
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
  /** `sdk`: an internal app's session; `web-app`: a tab of an AI web app the extension captured. */
  kind: FlowEvent['source']['kind'];
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
  /** Usage signals raised on the latest call to each provider, by provider (absent in sessions stored before signals existed). */
  activeSignals?: Record<string, EventSignal[]>;
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
  /** The highest score of each usage signal per app × provider per hour (epoch ms of the hour's start), oldest first. */
  signals: { app: string; provider: string; kind: SignalKind; hour: number; score: number }[];
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
  managed: {
    allowedOrigins: string[];
    retentionDays?: number;
    maxEvents?: number;
    /** The policy for the AI web apps. */
    policy?: Policy;
    /** Whether an employee may add their own rules to IT's policy (only ever stricter). @default false */
    allowEmployeePolicy?: boolean;
    orgDomains?: string[];
    aiAppTags?: Record<string, AppTag>;
  };
  /** Origins always allowed by the manifest (the demo's localhost). */
  builtinOrigins: string[];
  /** The policy that applies in the AI web apps, and where it comes from (see `background/policy-merge.ts`). */
  policy: Policy;
  policySource: 'default' | 'employee' | 'managed' | 'managed+employee';
  /** Whether the employee may set their own policy here: no IT policy, or IT allows it. */
  policyEditable: boolean;
  /** The employee's own policy as saved. */
  employeePolicy?: Policy;
  /** The organisation's e-mail domains: an AI app account on one of them is a work account (IT's list wins). */
  orgDomains: string[];
  /** AI app domain → sanctioned, tolerated or unsanctioned (IT's list wins). */
  aiAppTags: Record<string, AppTag>;
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

// ---------------------------------------------------------------------------------------------
// Web-app capture


/** Capture health of one adapter version, kept in the `health` table and listed in the dashboard. */
export interface CaptureHealth {
  /** `${app} ${version}` */
  key: string;
  app: string;
  version: string;
  /** Requests the adapter read (sends, typing-phase calls, uploads). */
  parsed: number;
  problems: Partial<Record<CaptureProblem, number>>;
  lastParsedAt?: number;
  lastProblemAt?: number;
  lastProblem?: CaptureProblem;
}

export type AccountKind = 'work' | 'personal';

/** Visits to one AI app's domain (origins only, never paths), kept in the `aiApps` table. */
export interface AiAppVisits {
  /** Host name without `www.`: `chatgpt.com`, `poe.com`. */
  domain: string;
  name: string;
  /** Set for the seven apps the extension reads. */
  app?: string;
  visits: number;
  firstSeen: number;
  lastSeen: number;
  /** Sign-ins seen, by kind of account; the address itself is never kept. */
  accounts: Record<AccountKind, number>;
  lastAccount?: AccountKind;
}

/** What the popup shows about capture on an AI web app's tab. */
export interface TabCapture {
  app: string;
  name: string;
  version: string;
  /** `degraded` when this page load had a capture problem. */
  status: 'ok' | 'degraded';
  problems: Partial<Record<CaptureProblem, number>>;
  /** Requests read on this page load. */
  parsed: number;
  account?: AccountKind;
}

/** One AI app in the dashboard's app view. */
export interface AppRow {
  domain: string;
  name: string;
  app?: string;
  tag?: AppTag;
  visits: number;
  firstSeen?: number;
  lastSeen?: number;
  accounts: Record<AccountKind, number>;
  lastAccount?: AccountKind;
  /** Recorded sends, typing-phase calls and uploads, with their findings and decisions. */
  calls: number;
  findings: number;
  decisions: Record<Decision, number>;
  health: CaptureHealth[];
  /** `degraded` when an adapter version of this app had a problem in the last day. */
  status?: 'ok' | 'degraded';
}

/** One type of data a notice lists: how many values, and up to three masked previews. */
export interface NoticeFinding {
  type: string;
  count: number;
  previews: string[];
}

/** What the in-page notice shows (in a closed shadow root; never posted to the page). */
export interface NoticeView {
  /** `warn`: continue or cancel; `justify`: continue with a reason; `block`: refused. */
  action: 'warn' | 'justify' | 'block';
  appName: string;
  at: 'paste' | 'drop' | 'file' | 'send';
  findings: NoticeFinding[];
  /** For a refusal: why, in words (never a value). */
  reason?: string;
}

/** The kind of request an adapter read: what health and the composer's send tracking need. */
export type ReadKind = 'send' | 'typing' | 'upload' | 'ignore' | 'unparsed';

/** What the content script tells the page-world wrapper, and shows the employee. */
export type CaptureVerdict =
  | { action: 'send'; kind: ReadKind }
  /** Send this body instead; `redacted` lists what was replaced (for a short confirmation). */
  | { action: 'rewrite'; kind: ReadKind; body: string; redacted: NoticeFinding[] }
  /** Refused; `notice` is shown for a block (typing-phase calls are refused silently until the send decides). */
  | { action: 'refuse'; kind: ReadKind; notice?: NoticeView }
  /** Show the notice, then capture again with the employee's `choice`. */
  | { action: 'ask'; kind: ReadKind; notice: NoticeView };

/** What happens to text and files about to enter the composer. */
export type ComposerVerdict =
  | { action: 'insert' }
  /** Show the notice; answer with `webapp.answer` and this token, then insert (continued) or drop (cancelled). */
  | { action: 'ask'; token: string; notice: NoticeView }
  | { action: 'refuse'; notice: NoticeView }
  /** Insert this text and these files instead, values replaced by placeholders (`text` of a file: its redacted content, when it is text). */
  | { action: 'redact'; text: string; files: { name?: string; text?: string }[]; redacted: NoticeFinding[] };

export interface WebAppReplies {
  'webapp.hello': { app: string; name: string; version: string; hold: boolean };
  'webapp.capture': CaptureVerdict;
  'webapp.inspectText': ComposerVerdict;
  'webapp.answer': null;
  'webapp.account': null;
  'webapp.problem': null;
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
  'popup.tabCapture': TabCapture | null;
  'dashboard.apps': AppRow[];
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
  'settings.setPolicy': Settings;
  'settings.setOrgDomains': Settings;
  'settings.setAppTag': Settings;
  'origins.add': Settings;
  'origins.remove': Settings;
  'diagnostics.get': Diagnostics;
  'export.status': OrgExportStatus;
  'export.sendNow': OrgExportStatus;
  /** Newest first; `truncated` when more than the rows returned matched. */
  'dashboard.whereValue': { rows: WhereRow[]; searchedEvents: number; truncated: boolean };
}
