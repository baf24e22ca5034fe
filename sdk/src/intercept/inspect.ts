/**
 * The decision for one outgoing request: where it goes, what sensitive data it carries (per
 * field), what could not be scanned, what policy does with each, and — when policy says
 * redact — the rewritten body.
 */
import { unscannedPart, type UnscannedPart } from '../coverage';
import { utf8Length } from '../internal/utf8';
import { enforcedBySdk, type CompiledPolicy } from '../policy';
import { recogniseDestination, type Attachment, type DestinationOptions, type Extracted, type TextField } from '../providers';
import { PlaceholderMap, redactText, type Placeholders, type RedactionSpan } from '../redact';
import type { Action, Decision, Destination, Finding } from '../schema';
import { FindingAggregator, type ScanMatch } from './findings';
import type { PreparedRequest } from './request-body';
import { readContent, type Content, type SerialisedBody } from './request-content';
import type { CallFeatures, UsageGuard } from '../usage/guard';

export interface Scanner {
  scan(text: string): ScanMatch[];
  /** When present (the built-in scanner), fingerprints are computed after the call: see `InspectDeps.fingerprintOf`. */
  scanWithValues?(text: string): { findings: ScanMatch[]; values: string[] };
}

export interface InspectDeps {
  scanner: Scanner;
  /** Awaited before the fields are scanned: loads a scanner that is loaded on first use (see deferred-scanner.ts). */
  ready?: () => Promise<void>;
  /** Fingerprints the values of a scanner with `scanWithValues`, when the findings are first read. */
  fingerprintOf?: (value: string) => string;
  policy: CompiledPolicy;
  destinations: DestinationOptions;
  /** Outflow's own failures (here: reading and scanning), counted and reported, never thrown into the call. */
  reportError(error: unknown, stage: 'request' | 'scan'): void;
  /** What budgets and signals read from the request (token estimate, prompt sketch). */
  measure?: UsageGuard['measure'];
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
  redactedBody: SerialisedBody | undefined;
  /** Every part of the request that was not scanned. */
  unscanned: UnscannedPart[];
  /** Those of them that block the call (policy `unscannable: 'block'`). */
  blockingUnscanned: UnscannedPart[];
  /** For budgets and signals; absent when not measured (no `measure`, or it failed). */
  features?: CallFeatures;
}

export async function inspectRequest(request: PreparedRequest, deps: InspectDeps): Promise<Inspection> {
  const unscanned = [...request.unscanned];
  const wholeBody = (): UnscannedPart => unscannedPart('body', 'error', request.body.kind === 'none' ? 0 : request.body.bytes);
  // The engine loads while the body is read.
  const engineReady = deps.ready?.();
  let content: Content | undefined;
  try {
    content = await readContent(request);
    unscanned.push(...content.unscanned);
  } catch (error) {
    deps.reportError(error, 'request');
    unscanned.push(wholeBody());
  }
  const { destination, stream, adapter } = recogniseDestination(request.url, content?.json, content?.kind ?? 'binary', deps.destinations);
  let extracted: Extracted = { fields: [], attachments: [], unscanned: [] };
  try {
    if (content) extracted = content.collect(adapter?.configKeys);
  } catch (error) {
    deps.reportError(error, 'request');
    unscanned.push(wholeBody());
  }
  unscanned.push(...extracted.unscanned);

  await engineReady;
  const { aggregator, spansByField, blockedByData, chars, unscanned: unscannedFields, matchesByField } = scanFields(extracted.fields, deps, (match) =>
    enforcedBySdk(deps.policy.actionFor(match.type, match.category, destination)),
  );
  unscanned.push(...unscannedFields);

  let features: CallFeatures | undefined;
  try {
    features = deps.measure?.(extracted.fields, matchesByField);
  } catch (error) {
    // Budgets then count the call without a token estimate, and signals without its sketch.
    deps.reportError(error, 'scan');
  }
  const destinationDenied = !deps.policy.allows(destination);
  const blockingUnscanned = unscanned.filter((part) => deps.policy.blocksUnscanned(part));
  const decision: Decision = blockedByData || destinationDenied || blockingUnscanned.length > 0 ? 'blocked' : spansByField.size > 0 ? 'redacted' : 'allowed';
  let redactedBody: Inspection['redactedBody'];
  if (decision === 'redacted' && content) {
    const placeholders = new PlaceholderMap();
    redactFields(spansByField, placeholders);
    redactedBody = await content.serialise();
  }
  return {
    destination,
    stream,
    chars,
    attachments: extracted.attachments,
    // Read when the event is built: for a call that goes out, after it.
    get findings() {
      return aggregator.findings;
    },
    truncatedFindings: aggregator.truncatedFindings,
    decision,
    destinationDenied,
    redactedBody,
    unscanned,
    blockingUnscanned,
    ...(features === undefined ? {} : { features }),
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
  /** Fields the scanner failed on: not scanned, listed as an `error`. */
  unscanned: UnscannedPart[];
  /** Every match, by field: budgets and signals read them (a finding is one skeleton token). */
  matchesByField: Map<TextField, readonly ScanMatch[]>;
}

/**
 * Scans each field, asks `actionOf` what to do with each match (`value`: its normalised value
 * when the scanner gives values, else undefined; `field`: where it was) and aggregates the
 * findings. A scanner failure on a field goes to `reportError` and lists that field as unscanned;
 * the other fields are still scanned.
 */
export function scanFields(
  fields: readonly TextField[],
  deps: Pick<InspectDeps, 'scanner' | 'fingerprintOf' | 'reportError'>,
  actionOf: (match: ScanMatch, value: string | undefined, field: TextField) => Action,
): ScannedFields {
  const scanned: ScannedFields = { chars: 0, aggregator: new FindingAggregator(deps.fingerprintOf), spansByField: new Map(), blockedByData: false, unscanned: [], matchesByField: new Map() };
  // One report per failure and call: an engine that did not load fails every field alike.
  const reported = new Set<unknown>();
  for (const field of fields) {
    let result: ScannedField;
    try {
      result = scanField(field, deps);
    } catch (error) {
      if (!reported.has(error)) deps.reportError(error, 'scan');
      reported.add(error);
      scanned.unscanned.push(unscannedPart(field.field, 'error', utf8Length(field.text)));
      continue;
    }
    scanned.chars += field.text.length;
    const { findings: matches, values } = result;
    scanned.matchesByField.set(field, matches);
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i]!;
      const value = values?.[i];
      const action = actionOf(match, value, field);
      scanned.aggregator.add(field.field, match, action, value);
      if (action === 'block') scanned.blockedByData = true;
      else if (action === 'redact') {
        const spans = scanned.spansByField.get(field) ?? [];
        spans.push(value === undefined ? { start: match.start, end: match.end, type: match.type } : { start: match.start, end: match.end, type: match.type, value });
        scanned.spansByField.set(field, spans);
      }
    }
  }
  return scanned;
}

/** Replaces the redacted spans of each field with their placeholders (through `TextField.replace`). */
export function redactFields(spansByField: ReadonlyMap<TextField, RedactionSpan[]>, placeholders: Placeholders): void {
  for (const [field, spans] of spansByField) field.replace(redactText(field.text, spans, placeholders));
}

interface ScannedField {
  findings: ScanMatch[];
  values: string[] | undefined;
}

/**
 * Scans one field. A field under a name that may say what it holds (`authorization_token`) is
 * scanned as the value of an assignment to that name, so the name counts as it would in a
 * config file; matches inside the name itself are dropped.
 */
function scanField(field: TextField, deps: Pick<InspectDeps, 'scanner' | 'fingerprintOf'>): ScannedField {
  const withValues = deps.fingerprintOf !== undefined && deps.scanner.scanWithValues !== undefined;
  const prefix = field.name === undefined ? '' : `"${field.name}": "`;
  const text = prefix === '' ? field.text : `${prefix}${field.text}"`;
  const scanned: ScannedField = withValues ? deps.scanner.scanWithValues!(text) : { findings: deps.scanner.scan(text), values: undefined };
  if (prefix === '') return scanned;
  const findings: ScanMatch[] = [];
  const values: string[] = [];
  scanned.findings.forEach((match, i) => {
    if (match.start < prefix.length) return;
    findings.push({ ...match, start: match.start - prefix.length, end: Math.min(match.end - prefix.length, field.text.length) });
    if (scanned.values) values.push(scanned.values[i]!);
  });
  return { findings, values: scanned.values ? values : undefined };
}
