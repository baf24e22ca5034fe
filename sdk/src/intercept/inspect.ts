/**
 * The decision for one outgoing request: where it goes, what sensitive data it carries (per
 * field), what policy does with each finding, and — when policy says redact — the rewritten body.
 */
import { enforcedBySdk, type CompiledPolicy } from '../policy';
import { collectTextFields, fieldSegment, recogniseDestination, type Attachment, type DestinationOptions, type TextField } from '../providers';
import { PlaceholderMap, redactText, type Placeholders, type RedactionSpan } from '../redact';
import { LIMITS, type Action, type Decision, type Destination, type Finding } from '../schema';
import { FindingAggregator, type ScanMatch } from './findings';
import { utf8Length, type PreparedRequest } from './request-body';

export interface Scanner {
  scan(text: string): ScanMatch[];
  /** When present (the built-in scanner), fingerprints are computed after the call: see `InspectDeps.fingerprintOf`. */
  scanWithValues?(text: string): { findings: ScanMatch[]; values: string[] };
}

export interface InspectDeps {
  scanner: Scanner;
  /** Fingerprints the values of a scanner with `scanWithValues`, when the findings are first read. */
  fingerprintOf?: (value: string) => string;
  policy: CompiledPolicy;
  destinations: DestinationOptions;
  /** Outflow's own failures (here: the scanner), counted and reported, never thrown into the call. */
  reportError(error: unknown, stage: 'scan'): void;
}

export interface Inspection {
  destination: Destination;
  stream: boolean;
  /** Characters of text scanned. */
  chars: number;
  attachments: Attachment[];
  findings: Finding[];
  truncatedFindings: number | undefined;
  decision: Decision;
  /** True when the destination itself is not in `allowedDestinations`. */
  destinationDenied: boolean;
  /** The body to send instead of the original when redaction rewrote it. */
  redactedBody: { body: string | FormData; bytes: number; multipart: boolean } | undefined;
}

/** Uploaded files scanned as text: by MIME type or, when the type is generic, by extension. */
const TEXT_FILE = /^(?:text\/|application\/(?:json|x-ndjson|jsonl|xml|yaml|x-yaml|csv))/;
const TEXT_EXTENSION = /\.(?:txt|md|csv|tsv|json|jsonl|ndjson|xml|ya?ml|log|html?)$/i;
/** Larger uploads are described, not scanned: the scan would cost more than the call. */
const MAX_SCANNED_FILE_BYTES = 5 * 1024 * 1024;

export async function inspectRequest(request: PreparedRequest, deps: InspectDeps): Promise<Inspection> {
  const content = await readContent(request);
  const { destination, stream, adapter } = recogniseDestination(request.url, content.json, content.kind, deps.destinations);
  const { fields, attachments } = content.collect(adapter?.configKeys);

  const { aggregator, spansByField, blockedByData, chars } = scanFields(fields, deps, (match) =>
    enforcedBySdk(deps.policy.actionFor(match.type, match.category, destination)),
  );

  const destinationDenied = !deps.policy.allows(destination);
  const decision: Decision = blockedByData || destinationDenied ? 'blocked' : spansByField.size > 0 ? 'redacted' : 'allowed';
  let redactedBody: Inspection['redactedBody'];
  if (decision === 'redacted') {
    const placeholders = new PlaceholderMap();
    redactFields(spansByField, placeholders);
    redactedBody = await content.serialise();
  }
  return {
    destination,
    stream,
    chars,
    attachments,
    // Read when the event is built: for a call that goes out, after it.
    get findings() {
      return aggregator.findings;
    },
    truncatedFindings: aggregator.truncatedFindings,
    decision,
    destinationDenied,
    redactedBody,
  };
}

/** What scanning a request's text fields found, before anything is decided from it. */
export interface ScannedFields {
  /** Characters of text scanned. */
  chars: number;
  aggregator: FindingAggregator;
  /** Spans of findings whose action is `redact`, by field. */
  spansByField: Map<TextField, RedactionSpan[]>;
  /** Whether a finding's action is `block`. */
  blockedByData: boolean;
}

/**
 * Scans each field, asks `actionOf` what to do with each match (`value`: its normalised value
 * when the scanner gives values, else undefined; `field`: where it was) and aggregates the findings. A scanner failure
 * goes to `reportError`; what was aggregated before it is kept.
 */
export function scanFields(
  fields: readonly TextField[],
  deps: Pick<InspectDeps, 'scanner' | 'fingerprintOf' | 'reportError'>,
  actionOf: (match: ScanMatch, value: string | undefined, field: TextField) => Action,
): ScannedFields {
  const aggregator = new FindingAggregator(deps.fingerprintOf);
  const withValues = deps.fingerprintOf !== undefined && deps.scanner.scanWithValues !== undefined;
  const scanned: ScannedFields = { chars: 0, aggregator, spansByField: new Map(), blockedByData: false };
  try {
    for (const field of fields) {
      scanned.chars += field.text.length;
      const { findings: matches, values } = withValues ? deps.scanner.scanWithValues!(field.text) : { findings: deps.scanner.scan(field.text), values: undefined };
      for (let i = 0; i < matches.length; i++) {
        const match = matches[i]!;
        const action = actionOf(match, values?.[i], field);
        aggregator.add(field.field, match, action, values?.[i]);
        if (action === 'block') scanned.blockedByData = true;
        else if (action === 'redact') {
          const spans = scanned.spansByField.get(field) ?? [];
          spans.push({ start: match.start, end: match.end, type: match.type });
          scanned.spansByField.set(field, spans);
        }
      }
    }
  } catch (error) {
    deps.reportError(error, 'scan');
  }
  return scanned;
}

/** Replaces the redacted spans of each field with their placeholders (through `TextField.replace`). */
export function redactFields(spansByField: ReadonlyMap<TextField, RedactionSpan[]>, placeholders: Placeholders): void {
  for (const [field, spans] of spansByField) field.replace(redactText(field.text, spans, placeholders));
}

interface Content {
  kind: 'json' | 'text' | 'multipart' | 'form' | 'binary' | 'none';
  json: unknown;
  /** The text fields to scan and the binary parts to describe; `configKeys` come from the recognised API. */
  collect(configKeys: ReadonlySet<string> | undefined): { fields: TextField[]; attachments: Attachment[] };
  /** The body after `TextField.replace` calls, ready to send. */
  serialise(): Promise<{ body: string | FormData; bytes: number; multipart: boolean }>;
}

const unchanged = (): Promise<never> => Promise.reject(new Error('nothing to serialise'));

async function readContent(request: PreparedRequest): Promise<Content> {
  const body = request.body;
  switch (body.kind) {
    case 'none':
      return { kind: 'none', json: undefined, collect: () => ({ fields: [], attachments: [] }), serialise: unchanged };
    case 'binary':
      return { kind: 'binary', json: undefined, collect: () => ({ fields: [], attachments: [{ mimeType: body.mimeType, bytes: body.bytes }] }), serialise: unchanged };
    case 'text': {
      const json = parseJsonObject(body.text);
      if (json !== undefined) {
        return { kind: 'json', json, collect: (configKeys) => collectTextFields(json, configKeys), serialise: async () => text(JSON.stringify(json)) };
      }
      let current = body.text;
      const field: TextField = { field: 'body', text: body.text, replace: (t) => (current = t) };
      return { kind: 'text', json: undefined, collect: () => ({ fields: [field], attachments: [] }), serialise: async () => text(current) };
    }
    case 'form': {
      const entries = [...body.params.entries()];
      const fields = entries.map(([name, value], i): TextField => ({ field: fieldSegment(name, i), text: value, replace: (t) => (entries[i] = [name, t]) }));
      return { kind: 'form', json: undefined, collect: () => ({ fields, attachments: [] }), serialise: async () => text(new URLSearchParams(entries).toString()) };
    }
    case 'multipart':
      return readMultipart(body.form);
  }
}

async function readMultipart(form: FormData): Promise<Content> {
  const entries = [...form.entries()];
  const fields: TextField[] = [];
  const attachments: Attachment[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const [name, value] = entries[i] as [string, FormDataEntryValue];
    const occurrence = seen.get(name) ?? 0;
    seen.set(name, occurrence + 1);
    const segment = fieldSegment(name, i);
    const field = occurrence === 0 ? segment : `${segment}[${occurrence}]`;
    if (typeof value === 'string') {
      fields.push({ field, text: value, replace: (t) => (entries[i] = [name, t]) });
      continue;
    }
    const mimeType = value.type || 'application/octet-stream';
    attachments.push({ mimeType, bytes: value.size, name: value.name.slice(0, 255) });
    const isText = TEXT_FILE.test(mimeType) || TEXT_EXTENSION.test(value.name);
    if (isText && value.size <= MAX_SCANNED_FILE_BYTES) {
      const file = value;
      fields.push({ field, text: await file.text(), replace: (t) => (entries[i] = [name, new File([t], file.name, { type: file.type })]) });
    }
  }
  return {
    kind: 'multipart',
    json: undefined,
    collect: () => ({ fields, attachments: attachments.slice(0, LIMITS.attachmentsPerRequest) }),
    serialise: async () => {
      const rebuilt = new FormData();
      for (const [name, value] of entries) {
        if (typeof value === 'string') rebuilt.append(name, value);
        else rebuilt.append(name, value, value.name);
      }
      return { body: rebuilt, bytes: (await new Response(rebuilt).arrayBuffer()).byteLength, multipart: true };
    },
  };
}

function text(body: string): { body: string; bytes: number; multipart: boolean } {
  return { body, bytes: utf8Length(body), multipart: false };
}

/** Only objects and arrays: a body that is a bare JSON number or string is treated as text. */
function parseJsonObject(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
