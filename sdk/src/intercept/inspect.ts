/**
 * The decision for one outgoing request: where it goes, what sensitive data it carries (per
 * field), what could not be scanned, what policy does with each, and — when policy says
 * redact — the rewritten body.
 */
import { unscannedPart, type UnscannedPart } from '../coverage';
import { utf8Length } from '../internal/utf8';
import type { CompiledPolicy } from '../policy';
import { recogniseDestination, type Attachment, type DestinationOptions, type Extracted, type TextField } from '../providers';
import { PlaceholderMap, redactText, type RedactionSpan } from '../redact';
import type { Decision, Destination, Finding } from '../schema';
import { FindingAggregator, type ScanMatch } from './findings';
import type { PreparedRequest } from './request-body';
import { readContent, type Content, type SerialisedBody } from './request-content';

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
  /** Outflow's own failures (here: reading and scanning), counted and reported, never thrown into the call. */
  reportError(error: unknown, stage: 'request' | 'scan'): void;
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
}

export async function inspectRequest(request: PreparedRequest, deps: InspectDeps): Promise<Inspection> {
  const unscanned = [...request.unscanned];
  const wholeBody = (): UnscannedPart => unscannedPart('body', 'error', request.body.kind === 'none' ? 0 : request.body.bytes);
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

  const aggregator = new FindingAggregator(deps.fingerprintOf);
  const spansByField = new Map<TextField, RedactionSpan[]>();
  let chars = 0;
  let blockedByData = false;
  for (const field of extracted.fields) {
    let scanned: ScannedField;
    try {
      scanned = scanField(field, deps);
    } catch (error) {
      deps.reportError(error, 'scan');
      unscanned.push(unscannedPart(field.field, 'error', utf8Length(field.text)));
      continue;
    }
    chars += field.text.length;
    const { findings: matches, values } = scanned;
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i]!;
      const action = deps.policy.actionFor(match.type, match.category, destination);
      aggregator.add(field.field, match, action, values?.[i]);
      if (action === 'block') blockedByData = true;
      else if (action === 'redact') {
        const spans = spansByField.get(field) ?? [];
        const value = values?.[i];
        spans.push(value === undefined ? { start: match.start, end: match.end, type: match.type } : { start: match.start, end: match.end, type: match.type, value });
        spansByField.set(field, spans);
      }
    }
  }

  const destinationDenied = !deps.policy.allows(destination);
  const blockingUnscanned = unscanned.filter((part) => deps.policy.blocksUnscanned(part));
  const decision: Decision = blockedByData || destinationDenied || blockingUnscanned.length > 0 ? 'blocked' : spansByField.size > 0 ? 'redacted' : 'allowed';
  let redactedBody: Inspection['redactedBody'];
  if (decision === 'redacted' && content) {
    const placeholders = new PlaceholderMap();
    for (const [field, spans] of spansByField) field.replace(redactText(field.text, spans, placeholders));
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
  };
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
function scanField(field: TextField, deps: InspectDeps): ScannedField {
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
