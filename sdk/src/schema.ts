/**
 * The contracts shared by the SDK and the extension: findings, flow events, policies and the
 * page ↔ extension bridge messages. Every value that crosses a trust boundary is parsed with
 * these schemas; the TypeScript types are inferred from them so the two never drift apart.
 *
 * Browser-safe: this module imports nothing but zod.
 */
import { z } from 'zod';

/** The version of the `FlowEvent` shape. Bump it, and keep reading the old one, on any breaking change. */
export const FLOW_EVENT_SCHEMA_VERSION = 1;
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
  /** Attachments described per request. */
  attachmentsPerRequest: 50,
  /** Events in one bridge batch. */
  eventsPerBatch: 100,
  /** Serialized size of one bridge message, in UTF-16 code units (JSON.stringify length). */
  bridgeMessageChars: 512 * 1024,
} as const;

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
export const FindingTypeSchema = z
  .string()
  .max(80)
  .regex(/^(?:[A-Z][A-Z0-9_]*|CUSTOM:[A-Za-z0-9][A-Za-z0-9_.-]*)$/, 'a type is UPPER_SNAKE_CASE or CUSTOM:<id>');

/**
 * One example of a found value, safe to store and show: a masked preview (`j•••@a•••.com`) and a
 * keyed fingerprint (HMAC-SHA-256 over the normalised value, hex) so a reviewer can see that the
 * same value went out many times without ever seeing it.
 */
export const FindingSampleSchema = z.object({
  preview: z.string().max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/).optional(),
});
export type FindingSample = z.infer<typeof FindingSampleSchema>;

/** Where a finding sits inside its field: JavaScript string offsets. */
export const LocationSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/**
 * What an event records about one type of sensitive data in one request field. Aggregated: the
 * same type found five times in `messages[2].content` is one `Finding` with `count: 5`.
 */
export const FindingSchema = z.object({
  type: FindingTypeSchema,
  category: CategorySchema,
  count: z.number().int().positive(),
  /** Highest confidence among the aggregated matches, 0..1. */
  confidence: z.number().min(0).max(1),
  /** Request field path, e.g. `messages[2].content`, `system`, `contents[0].parts[1].text`, `body`. */
  field: z.string().max(300),
  locations: z.array(LocationSchema).max(LIMITS.locationsPerFinding).optional(),
  samples: z.array(FindingSampleSchema).max(LIMITS.samplesPerFinding),
  action: ActionSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

// ---------------------------------------------------------------------------------------------
// Flow events

export const DecisionSchema = z.enum(['allowed', 'redacted', 'blocked']);
export type Decision = z.infer<typeof DecisionSchema>;

export const RuntimeSchema = z.enum(['browser', 'node', 'worker', 'other']);

export const EventIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const SessionIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/);

/** Where an event was recorded: by the SDK inside an app, or by the extension in an AI vendor's web app. */
export const SOURCE_KINDS = ['sdk', 'web-app'] as const;

export const SourceSchema = z.object({
  /** `sdk`, or `web-app` for a send the extension captured in ChatGPT, Claude, …; events from before this field are SDK events. @default 'sdk' */
  kind: z.enum(SOURCE_KINDS).default('sdk'),
  /** SDK package version that built the event (for web-app events: the one inside the extension). */
  sdkVersion: z.string().max(40),
  /** The internal app's name, as the developer configured it; for web-app events the app id (`chatgpt`, `claude`, …). */
  app: z.string().min(1).max(120),
  runtime: RuntimeSchema,
  /** Web-app events: the version of the site adapter that read the request. */
  adapterVersion: z.string().max(40).optional(),
});

export const DestinationSchema = z.object({
  /** The service (`openai`, `anthropic`, `google`, `azure-openai`, `mistral`, …) or, for an unknown host, the wire-format family (`openai-compatible`, `unknown`). */
  provider: z.string().min(1).max(60),
  /** The wire format recognised from path and body: `openai-chat`, `openai-responses`, `openai-embeddings`, `anthropic-messages`, `gemini`, `json`, `text`, `multipart`, … */
  api: z.string().min(1).max(60),
  host: z.string().max(255),
  /** URL path without the query string (queries can carry keys, e.g. Gemini's `?key=`). */
  path: z.string().max(1024),
  model: z.string().max(200).optional(),
  /** False for loopback, private ranges and the organisation's configured internal hosts. */
  external: z.boolean(),
});
export type Destination = z.infer<typeof DestinationSchema>;

export const AttachmentSchema = z.object({
  mimeType: z.string().max(200),
  bytes: z.number().int().nonnegative(),
  /** File name as sent (names can be sensitive too, but reviewers need them to recognise uploads). */
  name: z.string().max(255).optional(),
});

export const RequestSummarySchema = z.object({
  method: z.string().max(16),
  /** Bytes of the body as it left (after redaction), 0 when blocked before sending. */
  bytes: z.number().int().nonnegative(),
  /** Characters of text that was scanned. */
  chars: z.number().int().nonnegative(),
  attachments: z.array(AttachmentSchema).max(LIMITS.attachmentsPerRequest),
  /** Whether the request asked for a streamed response. */
  stream: z.boolean().optional(),
});

export const ResponseSummarySchema = z.object({
  status: z.number().int().min(0).max(999),
  /** Bytes of the response body the app read (or that the SDK observed through a tee). */
  bytes: z.number().int().nonnegative(),
  /** From the call to the end of the response body (or to the error). */
  latencyMs: z.number().nonnegative(),
  /** From the call to the response headers. */
  ttfbMs: z.number().nonnegative().optional(),
  streamed: z.boolean(),
  tokensIn: z.number().int().nonnegative().optional(),
  tokensOut: z.number().int().nonnegative().optional(),
});

export const EventErrorSchema = z.object({
  /** `blocked` by policy, `network` failure, `abort` by the app, `timeout`, `http` status ≥ 400, `stream` broken mid-body, `internal` Outflow failure. */
  kind: z.enum(['blocked', 'network', 'abort', 'timeout', 'http', 'stream', 'internal']),
  /** Never contains a raw sensitive value. */
  message: z.string().max(500),
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
  justification: z.string().max(1000).optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** One AI call, as recorded. Exactly one per call, whatever happened to it. */
export const FlowEventSchema = z.object({
  schemaVersion: z.literal(FLOW_EVENT_SCHEMA_VERSION),
  id: EventIdSchema,
  /** ISO 8601, when the call started. */
  timestamp: z.iso.datetime({ offset: true }),
  sessionId: SessionIdSchema,
  /** Order of the call within its session, from 0. */
  seq: z.number().int().nonnegative(),
  source: SourceSchema,
  destination: DestinationSchema,
  request: RequestSummarySchema,
  response: ResponseSummarySchema.optional(),
  findings: z.array(FindingSchema).max(LIMITS.findingsPerEvent),
  /** Findings left out once `findingsPerEvent` was reached. */
  truncatedFindings: z.number().int().positive().optional(),
  decision: DecisionSchema,
  error: EventErrorSchema.optional(),
  notice: NoticeSchema.optional(),
});
export type FlowEvent = z.infer<typeof FlowEventSchema>;

// ---------------------------------------------------------------------------------------------
// Policy

/** Organisation detector: a keyword/dictionary list, matched case-insensitively on whole words. */
export const KeywordDetectorSchema = z.object({
  kind: z.literal('keywords'),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/, 'an id is letters, digits, _ . - (up to 61)'),
  label: z.string().max(120).optional(),
  category: CategorySchema.default('custom'),
  terms: z.array(z.string().min(1).max(200)).min(1).max(200_000),
  /** @default false */
  caseSensitive: z.boolean().default(false),
});

/** Organisation detector: a regular expression, run by a linear-time engine (see `detect/`). */
export const RegexDetectorSchema = z.object({
  kind: z.literal('regex'),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$/, 'an id is letters, digits, _ . - (up to 61)'),
  label: z.string().max(120).optional(),
  category: CategorySchema.default('custom'),
  pattern: z.string().min(1).max(2000),
  /** Only `i` (case-insensitive) and `m` (multi-line anchors) are meaningful. */
  flags: z.string().regex(/^[im]*$/).default(''),
});

export const CustomDetectorSchema = z.discriminatedUnion('kind', [KeywordDetectorSchema, RegexDetectorSchema]);
export type CustomDetectorConfig = z.input<typeof CustomDetectorSchema>;

/** A rule matches a finding when every selector it sets matches (an unset selector matches all). */
export const PolicyRuleSchema = z.object({
  types: z.array(FindingTypeSchema).optional(),
  categories: z.array(CategorySchema).optional(),
  /** Hosts (`api.openai.com`, `*.openai.azure.com`) or provider names (`openai`). */
  destinations: z.array(z.string().min(1).max(255)).optional(),
  action: ActionSchema,
});
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const PolicySchema = z.object({
  /** Action for a finding no rule matches. @default 'log' */
  defaultAction: ActionSchema.default('log'),
  /** The strictest matching action wins: block > redact > justify > warn > log. */
  rules: z.array(PolicyRuleSchema).default([]),
  customDetectors: z.array(CustomDetectorSchema).default([]),
  /** When set, a call to any destination not listed (host or provider) is blocked before it leaves. */
  allowedDestinations: z.array(z.string().min(1).max(255)).optional(),
  /** Hosts that count as internal (not `external`), besides loopback and private ranges. */
  internalHosts: z.array(z.string().min(1).max(255)).default([]),
  /** Built-in types to turn off entirely. */
  disabledTypes: z.array(FindingTypeSchema).default([]),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

// ---------------------------------------------------------------------------------------------
// Bridge: page ↔ extension over window.postMessage

const envelope = { channel: z.literal(BRIDGE_CHANNEL), v: z.literal(BRIDGE_VERSION) };

export const HelloMessageSchema = z.object({ ...envelope, type: z.literal('hello'), app: z.string().min(1).max(120) });
export const EventsMessageSchema = z.object({
  ...envelope,
  type: z.literal('events'),
  events: z.array(FlowEventSchema).min(1).max(LIMITS.eventsPerBatch),
});
export const ReadyMessageSchema = z.object({ ...envelope, type: z.literal('ready'), extensionVersion: z.string().max(40) });
export const AckMessageSchema = z.object({
  ...envelope,
  type: z.literal('ack'),
  ids: z.array(EventIdSchema).max(LIMITS.eventsPerBatch),
});

export const PageToExtensionSchema = z.discriminatedUnion('type', [HelloMessageSchema, EventsMessageSchema]);
export const ExtensionToPageSchema = z.discriminatedUnion('type', [ReadyMessageSchema, AckMessageSchema]);
export type PageToExtension = z.infer<typeof PageToExtensionSchema>;
export type ExtensionToPage = z.infer<typeof ExtensionToPageSchema>;

/** Just enough to route a message: is it ours, and which bridge version does it speak? */
export const BridgeEnvelopeSchema = z.object({ channel: z.literal(BRIDGE_CHANNEL), v: z.number(), type: z.string() });
