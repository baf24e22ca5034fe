/**
 * What one web-app request carries and what the policy says about it: the SDK's field scan with
 * this tab's memory added — values the employee already answered a notice about are not asked
 * about again, and placeholders the composer put in are recorded as the redactions they are.
 */
import { scanFields, type ScannedFields, type TextField, type UnscannedPart } from '@outflow/sdk/internal/capture';
import type { Action, Category, Destination } from '@outflow/sdk/schema';
import type { NoticeFinding } from '../../messages';
import type { Reading, SiteAdapter } from '../../sites/types';
import type { CaptureRuntime } from './runtime';
import type { Acknowledgement, PlaceholderSample, TabState } from './tab-memory';

export interface WebInspection {
  destination: Destination;
  scanned: ScannedFields;
  /** What was not scanned: what the adapter could not read, then fields the scanner failed on. */
  unscanned: UnscannedPart[];
  /** The strictest action among findings the employee has not answered in this tab (or the destination's refusal). */
  pending: 'warn' | 'justify' | 'block' | undefined;
  /** Why a send is refused, in words an employee and a reviewer read (never a value). */
  blockReason?: string;
  /** Earlier answers (at paste, drop, file or a previous send) that cover findings here. */
  carried: Acknowledgement[];
  /** Fingerprints of the findings a notice about this request asks about. */
  asked: string[];
  /** Values the composer had already replaced with placeholders: recorded as redacted. */
  composerRedactions: number;
  /** What a notice lists: each type that needs the employee's attention, with masked previews. */
  noticeFindings: NoticeFinding[];
  /** Per raw value of a finding to redact here: what its placeholder stands for. In memory for this request only. */
  redactions: Map<string, PlaceholderSample>;
}

const RANK: Record<'warn' | 'justify' | 'block', number> = { warn: 0, justify: 1, block: 2 };
const strictest = (a: WebInspection['pending'], b: 'warn' | 'justify' | 'block') => (a === undefined || RANK[b] > RANK[a] ? b : a);

/** `[EMAIL_1]`, `[CUSTOM:projects_2]`: the placeholders redaction writes. */
const PLACEHOLDER = /\[(?:[A-Z][A-Z0-9_]*|CUSTOM:[A-Za-z0-9][A-Za-z0-9_.-]*)_\d+\]/g;

/** Records the composer's earlier redactions present in the fields, as findings with the action `redact`. */
function addComposerRedactions(fields: readonly TextField[], tab: TabState, scanned: ScannedFields): number {
  let found = 0;
  for (const field of fields) {
    for (const match of field.text.matchAll(PLACEHOLDER)) {
      const sample = tab.placeholders[match[0]];
      if (!sample) continue;
      found++;
      const start = match.index;
      scanned.aggregator.add(
        field.field,
        { type: sample.type, category: sample.category, start, end: start + match[0].length, confidence: 1, preview: sample.preview, fingerprint: sample.fingerprint },
        'redact',
      );
    }
  }
  return found;
}

export function inspectReading(site: SiteAdapter, reading: Reading, url: URL, held: boolean, runtime: CaptureRuntime, tab: TabState): WebInspection {
  const destination: Destination = { provider: site.provider, api: reading.api, host: url.hostname, path: url.pathname, external: true };
  if (reading.model !== undefined) destination.model = reading.model;
  const inspection: Omit<WebInspection, 'scanned' | 'unscanned' | 'composerRedactions'> = {
    destination,
    pending: undefined,
    carried: [],
    asked: [],
    noticeFindings: [],
    redactions: new Map(),
  };
  const byType = new Map<string, NoticeFinding>();
  const carried = new Set<Acknowledgement>();

  const actionOf = (match: { type: string; category: Category; start: number; end: number; preview: string }, value: string | undefined, field: TextField): Action => {
    // A request that has already left was not stopped: its findings were only logged.
    if (!held) return 'log';
    const action = runtime.policy.actionFor(match.type, match.category, destination);
    if (action === 'log') return action;
    // Keyed as redaction names it: by the normalised value when the scanner gives one, else the text.
    const named = value ?? field.text.slice(match.start, match.end);
    const fingerprint = runtime.fingerprintOf(named);
    if (action === 'redact') {
      inspection.redactions.set(`${match.type}\u0000${named}`, { type: match.type, category: match.category, preview: match.preview, fingerprint });
    } else {
      const answered = action === 'block' ? undefined : tab.acknowledged[fingerprint];
      // An answer covers the same value under the same or a milder action (a reason given covers a warning).
      if (answered && RANK[answered.action] >= RANK[action]) carried.add(answered);
      else {
        inspection.pending = strictest(inspection.pending, action);
        inspection.asked.push(fingerprint);
      }
    }
    const listed = byType.get(match.type) ?? { type: match.type, count: 0, previews: [] };
    listed.count++;
    if (listed.previews.length < 3 && !listed.previews.includes(match.preview)) listed.previews.push(match.preview);
    byType.set(match.type, listed);
    return action;
  };

  const scanned = scanFields(reading.fields, { scanner: runtime.scanner, fingerprintOf: runtime.fingerprintOf, reportError: () => undefined }, actionOf);
  const composerRedactions = addComposerRedactions(reading.fields, tab, scanned);
  const unscanned = [...reading.unscanned, ...scanned.unscanned];
  let blockReason: string | undefined;
  if (inspection.pending === 'block') blockReason = 'it contains data your organisation does not allow to be sent';
  if (held && !runtime.policy.allows(destination)) {
    inspection.pending = 'block';
    blockReason = `your organisation does not allow sending to ${site.name}`;
  } else if (held && unscanned.some((part) => runtime.policy.blocksUnscanned(part))) {
    // Policy `unscannable: 'block'`: what Outflow cannot read does not leave unread.
    inspection.pending = 'block';
    blockReason = 'part of it (a file or an attachment) could not be checked, and your organisation does not allow unchecked data to be sent';
  } else if (held && scanned.spansByField.size > 0 && reading.serialise() === undefined && inspection.pending !== 'block') {
    // A file or form part cannot be rewritten: a value that must be redacted cannot leave in it.
    inspection.pending = 'block';
    blockReason = 'values that must be redacted cannot be removed from a file';
  }
  return {
    ...inspection,
    ...(blockReason === undefined ? {} : { blockReason }),
    scanned,
    unscanned,
    composerRedactions,
    carried: [...carried],
    noticeFindings: [...byType.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}
