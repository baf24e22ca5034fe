/**
 * The contracts shared by the SDK and the extension: findings, flow events, policies and the
 * page ↔ extension bridge messages. Every value that crosses a trust boundary is parsed with
 * these schemas; the TypeScript types are inferred from them so the two never drift apart.
 *
 * Browser-safe: this module imports nothing but zod. It is written with `zod/mini` through the
 * builders below, each marked free of side effects, so an app's bundler keeps only the schemas
 * the app's code reaches (the SDK's browser entry needs the policy and two bridge messages, not
 * the event schemas): see docs/sdk.md, "Size". The schemas parse like zod's classic ones.
 */
import * as z from 'zod/mini';

/**
 * The version of the `FlowEvent` shape. Bump it, and keep reading the old one, on any breaking change.
 * 2: `coverage` (what Outflow could not read) is required. Version 1 events are still read, with
 * {@link unrecordedCoverage} in its place.
 */
export const FLOW_EVENT_SCHEMA_VERSION = 2;
/** The version of the page ↔ extension bridge envelope. */
export const BRIDGE_VERSION = 1;
/** The `channel` every bridge message carries, so unrelated `postMessage` traffic is ignored cheaply. */
export const BRIDGE_CHANNEL = 'outflow';

/** Bounds that keep one event, one batch and one bridge message small enough to store and render. */
export const LIMITS = {
  /** Distinct findings (type × field) kept in one event; the rest are counted in `truncatedFindings`. */
  findingsPerEvent: 200,
  /** Masked samples kept per finding. */
  samplesPerFinding: 3,
  /** Offsets kept per finding. */
  locationsPerFinding: 20,
  /** Distinct table columns named per finding. */
  columnsPerFinding: 10,
  /** Attachments described per request. */
  attachmentsPerRequest: 50,
  /** Unscanned parts listed per event; the rest are counted in `coverage.truncated`. */
  unscannedPerEvent: 50,
  /** Events in one bridge batch. */
  eventsPerBatch: 100,
  /** Serialized size of one bridge message, in UTF-16 code units (JSON.stringify length). */
  bridgeMessageChars: 512 * 1024,
} as const;

// ---------------------------------------------------------------------------------------------
// Builders. A method call (`z.string().check(…)`) may have side effects as far as a bundler can
// tell; a call to a function marked `@__NO_SIDE_EFFECTS__` with plain arguments may not, so a
// schema built only from these and zod's own (marked) functions is dropped when unused.

interface Bounds {
  min?: number;
  max?: number;
}

/** A string of `min`–`max` characters, matching `pattern` (with `message` as its error) when given. */
/* @__NO_SIDE_EFFECTS__ */
function text(bounds: Bounds, pattern?: RegExp, message?: string): z.ZodMiniString<string> {
  const checks: z.core.$ZodCheck<string>[] = [];
  if (bounds.min !== undefined) checks.push(z.minLength(bounds.min));
  if (bounds.max !== undefined) checks.push(z.maxLength(bounds.max));
  if (pattern) checks.push(z.regex(pattern, message));
  return z.string().check(...checks);
}

/** A safe integer within `min`–`max`. */
/* @__NO_SIDE_EFFECTS__ */
function integer(bounds: Bounds): z.ZodMiniNumber<number> {
  return z.int().check(...numberChecks(bounds));
}

/** A finite number within `min`–`max`. */
/* @__NO_SIDE_EFFECTS__ */
function decimal(bounds: Bounds): z.ZodMiniNumber<number> {
  return z.number().check(...numberChecks(bounds));
}

/* @__NO_SIDE_EFFECTS__ */
function numberChecks(bounds: Bounds): z.core.$ZodCheck<number>[] {
  const checks: z.core.$ZodCheck<number>[] = [];
  if (bounds.min !== undefined) checks.push(z.minimum(bounds.min));
  if (bounds.max !== undefined) checks.push(z.maximum(bounds.max));
  return checks;
}

/** An array of `min`–`max` items of `item`. */
/* @__NO_SIDE_EFFECTS__ */
function list<T extends z.core.SomeType>(item: T, bounds: Bounds = {}): z.ZodMiniArray<T> {
  const checks: z.core.$ZodCheck<unknown[]>[] = [];
  if (bounds.min !== undefined) checks.push(z.minLength(bounds.min));
  if (bounds.max !== undefined) checks.push(z.maxLength(bounds.max));
  return z.array(item).check(...checks);
}

/** `schema`, which also must satisfy `holds` (failing with `message`). */
/* @__NO_SIDE_EFFECTS__ */
function refined<T extends z.ZodMiniType>(schema: T, holds: (value: z.output<T>) => boolean, message: string): T {
  return schema.check(z.refine<z.output<T>>(holds, { message }));
}

// ---------------------------------------------------------------------------------------------
// Findings

export const CATEGORIES = ['pii', 'financial', 'secret', 'network', 'custom'] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

/**
 * What policy does with a finding, from the mildest: `log` records it; `warn` shows the employee a
 * notice they may continue past; `justify` asks them for a reason, recorded with the event;
 * `redact` replaces the value with a placeholder before it leaves; `block` stops the call.
 * `warn` and `justify` need a person to ask: the extension asks the employee in the AI web apps,
 * while the SDK, embedded in an app with no such notice, treats them as `log` (see `enforcedBySdk`).
 */
export const ACTIONS = ['log', 'warn', 'justify', 'redact', 'block'] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Built-in types are upper snake case (`EMAIL`, `AWS_ACCESS_KEY`); organisation types are `CUSTOM:<id>`. */
export const FindingTypeSchema = text({ max: 80 }, /^(?:[A-Z][A-Z0-9_]*|CUSTOM:[A-Za-z0-9][A-Za-z0-9_.-]*)$/, 'a type is UPPER_SNAKE_CASE or CUSTOM:<id>');

/**
 * One example of a found value, safe to store and show: a masked preview (`j•••@a•••.com`) and a
 * keyed fingerprint (HMAC-SHA-256 over the normalised value, hex) so a reviewer can see that the
 * same value went out many times without ever seeing it.
 */
export const FindingSampleSchema = z.object({
  preview: text({ max: 64 }),
  fingerprint: z.optional(text({}, /^[0-9a-f]{16,64}$/)),
});
export type FindingSample = z.infer<typeof FindingSampleSchema>;

/** Where a finding sits inside its field: JavaScript string offsets. */
export const LocationSchema = z.object({
  start: integer({ min: 0 }),
  end: integer({ min: 0 }),
});

/**
 * The name of a table column a finding sat in (a CSV/TSV/markdown header, an `INSERT` column, a
 * JSON key): an identifier, never a value. The scanner records only headers of this shape.
 */
export const ColumnNameSchema = text({ min: 1, max: 64 }, /^[\p{L}_][\p{L}\p{N}_.-]*$/u, 'a column name is an identifier');

/**
 * What an event records about one type of sensitive data in one request field. Aggregated: the
 * same type found five times in `messages[2].content` is one `Finding` with `count: 5`.
 */
export const FindingSchema = z.object({
  type: FindingTypeSchema,
  category: CategorySchema,
  count: integer({ min: 1 }),
  /** Highest confidence among the aggregated matches, 0..1. */
  confidence: decimal({ min: 0, max: 1 }),
  /** Request field path, e.g. `messages[2].content`, `system`, `contents[0].parts[1].text`, `body`. */
  field: text({ max: 300 }),
  locations: z.optional(list(LocationSchema, { max: LIMITS.locationsPerFinding })),
  /** The table columns the matches sat in, distinct, when the text was a table with named columns (`ssn`, `card_number`). */
  columns: z.optional(list(ColumnNameSchema, { max: LIMITS.columnsPerFinding })),
  samples: list(FindingSampleSchema, { max: LIMITS.samplesPerFinding }),
  action: ActionSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

// ---------------------------------------------------------------------------------------------
// Flow events

export const DecisionSchema = z.enum(['allowed', 'redacted', 'blocked']);
export type Decision = z.infer<typeof DecisionSchema>;

export const RuntimeSchema = z.enum(['browser', 'node', 'worker', 'other']);

export const EventIdSchema = text({ min: 8, max: 64 }, /^[A-Za-z0-9_-]+$/);
export const SessionIdSchema = text({ min: 1, max: 128 }, /^[A-Za-z0-9_.:-]+$/);

/** Where an event was recorded: by the SDK inside an app, or by the extension in an AI vendor's web app. */
export const SOURCE_KINDS = ['sdk', 'web-app'] as const;

export const SourceSchema = z.object({
  /** `sdk`, or `web-app` for a send the extension captured in ChatGPT, Claude, …; events from before this field are SDK events. @default 'sdk' */
  kind: z._default(z.enum(SOURCE_KINDS), 'sdk'),
  /** SDK package version that built the event (for web-app events: the one inside the extension). */
  sdkVersion: text({ max: 40 }),
  /** The internal app's name, as the developer configured it; for web-app events the app id (`chatgpt`, `claude`, …). */
  app: text({ min: 1, max: 120 }),
  runtime: RuntimeSchema,
  /** Web-app events: the version of the site adapter that read the request. */
  adapterVersion: z.optional(text({ max: 40 })),
});

export const DestinationSchema = z.object({
  /** The service (`openai`, `anthropic`, `google`, `azure-openai`, `mistral`, …) or, for an unknown host, the wire-format family (`openai-compatible`, `unknown`). */
  provider: text({ min: 1, max: 60 }),
  /** The wire format recognised from path and body: `openai-chat`, `openai-responses`, `openai-embeddings`, `anthropic-messages`, `gemini`, `json`, `text`, `multipart`, … */
  api: text({ min: 1, max: 60 }),
  host: text({ max: 255 }),
  /** URL path without the query string (queries can carry keys, e.g. Gemini's `?key=`). */
  path: text({ max: 1024 }),
  model: z.optional(text({ max: 200 })),
  /** False for loopback, private ranges and the organisation's configured internal hosts. */
  external: z.boolean(),
});
export type Destination = z.infer<typeof DestinationSchema>;

export const AttachmentSchema = z.object({
  mimeType: text({ max: 200 }),
  bytes: integer({ min: 0 }),
  /** File name as sent (names can be sensitive too, but reviewers need them to recognise uploads). */
  name: z.optional(text({ max: 255 })),
});

export const RequestSummarySchema = z.object({
  method: text({ max: 16 }),
  /** Bytes of the body as it left (after redaction), 0 when blocked before sending. */
  bytes: integer({ min: 0 }),
  /** Characters of text that was scanned. */
  chars: integer({ min: 0 }),
  attachments: list(AttachmentSchema, { max: LIMITS.attachmentsPerRequest }),
  /** Whether the request asked for a streamed response. */
  stream: z.optional(z.boolean()),
});

export const ResponseSummarySchema = z.object({
  status: integer({ min: 0, max: 999 }),
  /** Bytes of the response body the app read (or that the SDK observed through a tee). */
  bytes: integer({ min: 0 }),
  /** From the call to the end of the response body (or to the error). */
  latencyMs: decimal({ min: 0 }),
  /** From the call to the response headers. */
  ttfbMs: z.optional(decimal({ min: 0 })),
  streamed: z.boolean(),
  tokensIn: z.optional(integer({ min: 0 })),
  tokensOut: z.optional(integer({ min: 0 })),
});

/**
 * Error kinds of a call refused before it left: by a policy rule, `allowedDestinations` or
 * `unscannable` (`blocked`), by a `block` budget (`budget`), by a signal whose action is `block` (`signal`).
 */
export const BLOCK_ERROR_KINDS = ['blocked', 'budget', 'signal'] as const;

/** True for an error kind that records a refusal by policy rather than a failure. */
export function isBlockErrorKind(kind: string): boolean {
  return (BLOCK_ERROR_KINDS as readonly string[]).includes(kind);
}

export const EventErrorSchema = z.object({
  /** Refused before leaving (`blocked`, `budget`, `signal`: see `BLOCK_ERROR_KINDS`), `network` failure, `abort` by the app, `timeout`, `http` status ≥ 400, `stream` broken mid-body, `internal` Outflow failure. */
  kind: z.enum([...BLOCK_ERROR_KINDS, 'network', 'abort', 'timeout', 'http', 'stream', 'internal']),
  /** Never contains a raw sensitive value. */
  message: text({ max: 500 }),
});

/**
 * Web-app events: the notice the employee saw before the data left, and what they did. A notice
 * seen at paste, drop or file selection is carried to the send that contains those values.
 */
export const NoticeSchema = z.object({
  /** The strictest action that stopped the employee: a warning, a request for a reason, a refusal. */
  action: z.enum(['warn', 'justify', 'block']),
  /** `continued` past a warning or with a reason, `cancelled`, or `blocked` (a refusal has no way on). */
  outcome: z.enum(['continued', 'cancelled', 'blocked']),
  /** Where it was shown: on a paste, a drop or a file selection in the composer, or when the send left. */
  at: z.enum(['paste', 'drop', 'file', 'send']),
  /** The employee's reason (`justify`), scanned first: sensitive values in it are stored as placeholders such as `[EMAIL_1]`. */
  justification: z.optional(text({ max: 1000 })),
});
export type Notice = z.infer<typeof NoticeSchema>;

/**
 * Why part of a request was not scanned: `binary` content (images, audio, PDF, archives),
 * an `encoding` Outflow cannot decode (a Content-Encoding or charset, invalid UTF-8), over a
 * `size` limit, nested past the walker's `depth`, a `format` that did not parse, or an `error`
 * inside Outflow.
 */
export const UNSCANNED_REASONS = ['binary', 'encoding', 'size', 'depth', 'format', 'error'] as const;
export const UnscannedReasonSchema = z.enum(UNSCANNED_REASONS);
export type UnscannedReason = z.infer<typeof UnscannedReasonSchema>;

export const UnscannedSchema = z.object({
  /** A request field path (`messages[0].content[1].image_url.url`, `file`) or `body`; never a value. */
  where: text({ max: 300 }),
  reason: UnscannedReasonSchema,
  /** Size of what was not scanned: as sent for `body`, decoded where known for a field or file. */
  bytes: integer({ min: 0 }),
});
export type Unscanned = z.infer<typeof UnscannedSchema>;

/**
 * What Outflow read of the request. `complete: true` means every byte was scanned (or is
 * configuration that cannot carry content); it is never true while anything is listed.
 */
export const CoverageSchema = refined(
  z.object({
    complete: z.boolean(),
    unscanned: list(UnscannedSchema, { max: LIMITS.unscannedPerEvent }),
    /** Unscanned parts left out once `unscannedPerEvent` was reached. */
    truncated: z.optional(integer({ min: 1 })),
  }),
  (c) => !c.complete || (c.unscanned.length === 0 && c.truncated === undefined),
  'coverage cannot be complete while parts are listed as unscanned',
);
export type Coverage = z.infer<typeof CoverageSchema>;

/**
 * The coverage of an event whose producer did not record any (schema version 1): not complete,
 * with nothing listed, because what was read is unknown.
 */
export function unrecordedCoverage(): Coverage {
  return { complete: false, unscanned: [] };
}

/** An event's coverage, or the not-recorded value for one stored before coverage existed. */
export function coverageOf(event: { coverage?: Coverage | undefined }): Coverage {
  return event.coverage ?? unrecordedCoverage();
}

/** True for coverage that was not recorded at all (a version 1 event), rather than recorded as incomplete. */
export function isCoverageUnrecorded(coverage: Coverage): boolean {
  return !coverage.complete && coverage.unscanned.length === 0 && coverage.truncated === undefined;
}

// ---------------------------------------------------------------------------------------------
// Budgets and usage signals (see sdk/src/budgets and sdk/src/signals)

/** Sliding windows budgets and signals are measured over. */
export const USAGE_WINDOWS = ['1m', '1h', '1d'] as const;
export const UsageWindowSchema = z.enum(USAGE_WINDOWS);
export type UsageWindow = z.infer<typeof UsageWindowSchema>;

/** What a budget's limits count: calls, tokens (as the provider reports them), request bytes. */
export const BUDGET_LIMITS = ['calls', 'tokens', 'bytes'] as const;
export const BudgetLimitSchema = z.enum(BUDGET_LIMITS);
export type BudgetLimit = z.infer<typeof BudgetLimitSchema>;

/** A budget this call went over (a `log` budget marks the event; a `block` budget refused the call). */
export const EventBudgetSchema = z.object({
  id: text({ min: 1, max: 64 }),
  action: z.enum(['log', 'block']),
  /** The limit that was exceeded. */
  exceeded: BudgetLimitSchema,
});
export type EventBudget = z.infer<typeof EventBudgetSchema>;

/** The usage patterns Outflow measures locally over sliding windows per app × provider. */
export const SIGNAL_KINDS = ['volume', 'templated', 'reasoning-elicitation', 'capability-sweep'] as const;
export const SignalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof SignalKindSchema>;

/** What raising a signal does: record it, show it to the employee (`warn`), refuse the call (`block`), or nothing (`off`). */
export const SignalActionSchema = z.enum(['off', 'log', 'warn', 'block']);
export type SignalAction = z.infer<typeof SignalActionSchema>;

/** The numbers behind a signal (each kind fills the ones it measures; see docs/sdk.md, "Budgets and signals"). */
export const SignalEvidenceSchema = z.object({
  /** Calls in the window the score was measured over. */
  calls: z.optional(integer({ min: 0 })),
  /** Share of those calls showing the pattern (templated frame, reasoning phrase). */
  share: z.optional(decimal({ min: 0, max: 1 })),
  /** Volume: the last hour against the app's median hour (calls, tokens or bytes, whichever is highest). */
  ratio: z.optional(decimal({ min: 0 })),
  /** Volume: the median calls per active hour the ratio is measured against. */
  baselinePerHour: z.optional(decimal({ min: 0 })),
  /** Volume: the median gap between the last calls, in ms. */
  medianGapMs: z.optional(decimal({ min: 0 })),
  /** Capability sweep: distinct task categories among the templated calls. */
  topics: z.optional(integer({ min: 0 })),
});
export type SignalEvidence = z.infer<typeof SignalEvidenceSchema>;

/** A signal raised while this call was made. */
export const EventSignalSchema = z.object({
  kind: SignalKindSchema,
  /** 0..1; raised at the policy's `threshold`. */
  score: decimal({ min: 0, max: 1 }),
  window: UsageWindowSchema,
  action: z.optional(z.enum(['log', 'warn', 'block'])),
  evidence: z.optional(SignalEvidenceSchema),
});
export type EventSignal = z.infer<typeof EventSignalSchema>;

/** The current event shape; version 1 events are read through {@link FlowEventSchema}, which upgrades them. */
export const FlowEventObjectSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(FLOW_EVENT_SCHEMA_VERSION)]),
  id: EventIdSchema,
  /** ISO 8601, when the call started. */
  timestamp: z.iso.datetime({ offset: true }),
  sessionId: SessionIdSchema,
  /** Order of the call within its session, from 0. */
  seq: integer({ min: 0 }),
  source: SourceSchema,
  destination: DestinationSchema,
  request: RequestSummarySchema,
  response: z.optional(ResponseSummarySchema),
  findings: list(FindingSchema, { max: LIMITS.findingsPerEvent }),
  /** Findings left out once `findingsPerEvent` was reached. */
  truncatedFindings: z.optional(integer({ min: 1 })),
  decision: DecisionSchema,
  error: z.optional(EventErrorSchema),
  /** Web-app events: the notice the employee saw before the data left, and what they did. */
  notice: z.optional(NoticeSchema),
  /** What could not be scanned. Required from schema version 2. */
  coverage: CoverageSchema,
  /**
   * Names the key the samples' fingerprints were made with (see `fingerprintKeyId`): only
   * fingerprints under one key compare. Never the key itself.
   */
  fingerprintKeyId: z.optional(text({}, /^[0-9a-f]{16}$/)),
  /** Budgets this call went over (absent when none). */
  budgets: z.optional(list(EventBudgetSchema, { max: 50 })),
  /** Usage signals raised while this call was made (absent when none). */
  signals: z.optional(list(EventSignalSchema, { max: SIGNAL_KINDS.length })),
});

/**
 * Reads a version 1 event as the current shape: whatever coverage it claims is replaced by
 * {@link unrecordedCoverage}, so an event from an older producer is never shown or counted
 * as completely scanned. Other values pass through untouched, to be judged by the schema.
 */
export function upgradeFlowEvent(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as { schemaVersion?: unknown }).schemaVersion !== 1) return value;
  return { ...value, coverage: unrecordedCoverage() };
}

/** One AI call, as recorded. Exactly one per call, whatever happened to it. Reads every schema version. */
export const FlowEventSchema = z.pipe(z.transform(upgradeFlowEvent), FlowEventObjectSchema);
export type FlowEvent = z.infer<typeof FlowEventObjectSchema>;
/** A FlowEvent as a store keeps it: the extension stamps the page origin its events came from. */
export type StoredFlowEvent = FlowEvent & { origin?: string };

// ---------------------------------------------------------------------------------------------
// Policy

/** Organisation detector: a keyword/dictionary list, matched case-insensitively on whole words. */
export const KeywordDetectorSchema = z.object({
  kind: z.literal('keywords'),
  id: text({}, /^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/, 'an id is letters, digits, _ . - (up to 61)'),
  label: z.optional(text({ max: 120 })),
  category: z._default(CategorySchema, 'custom'),
  terms: list(text({ min: 1, max: 200 }), { min: 1, max: 200_000 }),
  /** @default false */
  caseSensitive: z._default(z.boolean(), false),
});

/** Organisation detector: a regular expression, run by a linear-time engine (see `detect/`). */
export const RegexDetectorSchema = z.object({
  kind: z.literal('regex'),
  id: text({}, /^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/, 'an id is letters, digits, _ . - (up to 61)'),
  label: z.optional(text({ max: 120 })),
  category: z._default(CategorySchema, 'custom'),
  pattern: text({ min: 1, max: 2000 }),
  /** Only `i` (case-insensitive) and `m` (multi-line anchors) are meaningful. */
  flags: z._default(text({}, /^[im]*$/), ''),
});

export const CustomDetectorSchema = z.discriminatedUnion('kind', [KeywordDetectorSchema, RegexDetectorSchema]);
export type CustomDetectorConfig = z.input<typeof CustomDetectorSchema>;

/** A MIME type (`image/png`) or a family of them (`image/*`), matched case-insensitively. */
export const MimePatternSchema = text(
  { max: 200 },
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/(?:\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)$/,
  'a MIME type is type/subtype or type/*',
);

/** A rule matches a finding when every selector it sets matches (an unset selector matches all). */
export const PolicyRuleSchema = z.object({
  types: z.optional(list(FindingTypeSchema)),
  categories: z.optional(list(CategorySchema)),
  /** Hosts (`api.openai.com`, `*.openai.azure.com`) or provider names (`openai`). */
  destinations: z.optional(list(text({ min: 1, max: 255 }))),
  action: ActionSchema,
});
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

/** A limit on calls, tokens or bytes per scope over a sliding window. */
export const BudgetSchema = refined(
  z.object({
    id: text({ min: 1, max: 64 }, /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'a budget id is letters, digits, _ . : - (up to 64)'),
    /** Whose calls are counted together: the app, the session (a tab), the provider, the page origin (in Node: the process). */
    scope: z.enum(['app', 'session', 'provider', 'origin']),
    window: UsageWindowSchema,
    maxCalls: z.optional(integer({ min: 0 })),
    /** Input + output tokens as providers report them; a call's input is estimated before it leaves. */
    maxTokens: z.optional(integer({ min: 0 })),
    /** Request bytes as sent. */
    maxBytes: z.optional(integer({ min: 0 })),
    /** `log` marks the events over the budget; `block` refuses them with `OutflowBudgetError`. */
    action: z.enum(['log', 'block']),
  }),
  (b) => b.maxCalls !== undefined || b.maxTokens !== undefined || b.maxBytes !== undefined,
  'a budget sets at least one of maxCalls, maxTokens, maxBytes',
);
export type Budget = z.infer<typeof BudgetSchema>;

/** Settings shared by every signal. */
const signalSettings = {
  /** @default 'log' */
  action: z._default(SignalActionSchema, 'log'),
  /** The score (0..1) at which the signal is raised. */
  threshold: decimal({ min: 0, max: 1 }),
  /** Calls the window must hold before a share is scored. */
  minCalls: integer({ min: 1, max: 100_000 }),
};

/* @__NO_SIDE_EFFECTS__ */
function signalSchema<S extends z.core.$ZodLooseShape>(defaults: { threshold: number; minCalls: number }, extra: S) {
  const schema = z.object({ ...signalSettings, threshold: z._default(signalSettings.threshold, defaults.threshold), minCalls: z._default(signalSettings.minCalls, defaults.minCalls), ...extra });
  // `prefault`: an absent object is parsed as `{}`, so the defaults inside fill it (every field of `extra` has one too).
  return z.prefault(schema, {} as z.input<typeof schema>);
}

/** Thresholds and actions of the usage signals; every field has a default (docs/sdk.md, "Budgets and signals"). */
export const SignalPolicySchema = z.object({
  volume: signalSchema({ threshold: 0.5, minCalls: 30 }, {
    /** The last hour against the app's median active hour: this many times is a burst (score 0.5). @default 10 */
    burstFactor: z._default(decimal({ min: 1, max: 10_000 }), 10),
    /** Calls per hour assumed as the baseline until the app has history. @default 20 */
    baselineFloorPerHour: z._default(decimal({ min: 1 }), 20),
    /** Gaps under this between consecutive calls look automated. @default 1000 */
    automatedGapMs: z._default(integer({ min: 1 }), 1000),
  }),
  templated: signalSchema({ threshold: 0.6, minCalls: 30 }, {}),
  'reasoning-elicitation': signalSchema({ threshold: 0.5, minCalls: 20 }, {}),
  'capability-sweep': signalSchema({ threshold: 0.6, minCalls: 30 }, {
    /** Distinct task categories under one frame that make a sweep. @default 6 */
    minTopics: z._default(integer({ min: 2, max: 50 }), 6),
  }),
});
export type SignalPolicy = z.infer<typeof SignalPolicySchema>;

export const PolicySchema = z.object({
  /** Action for a finding no rule matches. @default 'log' */
  defaultAction: z._default(ActionSchema, 'log'),
  /** The strictest matching action wins: block > redact > justify > warn > log. */
  rules: z._default(list(PolicyRuleSchema), []),
  customDetectors: z._default(list(CustomDetectorSchema), []),
  /** When set, a call to any destination not listed (host or provider) is blocked before it leaves. */
  allowedDestinations: z.optional(list(text({ min: 1, max: 255 }))),
  /** Hosts that count as internal (not `external`), besides loopback and private ranges. */
  internalHosts: z._default(list(text({ min: 1, max: 255 })), []),
  /** Built-in types to turn off entirely. */
  disabledTypes: z._default(list(FindingTypeSchema), []),
  /**
   * What happens to a call any part of which could not be scanned (see `FlowEvent.coverage`):
   * `log` records it; `block` refuses it before any byte leaves. @default 'log'
   */
  unscannable: z._default(z.enum(['log', 'block']), 'log'),
  /**
   * Under `unscannable: 'block'`, binary content of these MIME types may still leave unscanned
   * (`image/*`, `audio/wav`): it is listed in `coverage` but does not block. @default []
   */
  unscannableAllowedTypes: z._default(list(MimePatternSchema), []),
  /** Limits on calls, tokens and bytes per app, session, provider or origin over sliding windows. @default [] */
  budgets: z._default(
    refined(list(BudgetSchema, { max: 50 }), (budgets) => new Set(budgets.map((b) => b.id)).size === budgets.length, 'budget ids must be unique'),
    [],
  ),
  /** Usage signals: thresholds and actions, each with a default. */
  signals: z.prefault(SignalPolicySchema, {}),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

// ---------------------------------------------------------------------------------------------
// Bridge: page ↔ extension over window.postMessage

const envelope = { channel: z.literal(BRIDGE_CHANNEL), v: z.literal(BRIDGE_VERSION) };

export const HelloMessageSchema = z.object({ ...envelope, type: z.literal('hello'), app: text({ min: 1, max: 120 }) });
export const EventsMessageSchema = z.object({
  ...envelope,
  type: z.literal('events'),
  events: list(FlowEventSchema, { min: 1, max: LIMITS.eventsPerBatch }),
});
export const ReadyMessageSchema = z.object({ ...envelope, type: z.literal('ready'), extensionVersion: text({ max: 40 }) });
export const AckMessageSchema = z.object({
  ...envelope,
  type: z.literal('ack'),
  ids: list(EventIdSchema, { max: LIMITS.eventsPerBatch }),
});

export const PageToExtensionSchema = z.discriminatedUnion('type', [HelloMessageSchema, EventsMessageSchema]);
export const ExtensionToPageSchema = z.discriminatedUnion('type', [ReadyMessageSchema, AckMessageSchema]);
export type PageToExtension = z.infer<typeof PageToExtensionSchema>;
export type ExtensionToPage = z.infer<typeof ExtensionToPageSchema>;

/** Just enough to route a message: is it ours, and which bridge version does it speak? */
export const BridgeEnvelopeSchema = z.object({ channel: z.literal(BRIDGE_CHANNEL), v: z.number(), type: text({}) });
