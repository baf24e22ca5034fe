/**
 * One request a web app is about to send (or has sent): read by the site's adapter, scanned, decided
 * by the policy and the employee's answers, recorded as one event, and answered with a verdict for
 * the page-world wrapper. A send-like request the adapter cannot read is still scanned (every
 * string in it), recorded with that said, and counted as a capture problem.
 */
import { redactFields, utf8Length } from '@outflow/sdk/internal/capture';
import type { Finding, Notice } from '@outflow/sdk/schema';
import type { CaptureVerdict, Choice, NoticeView, ReadKind } from '../../messages';
import { bodyBytes, genericReading } from '../../sites/read';
import type { Reading, ReadResult, SiteAdapter } from '../../sites/types';
import type { WireRequest } from '../../sites/wire-types';
import { countParsed, countProblem } from './health';
import { inspectReading, type WebInspection } from './inspect';
import { scrubbedJustification, tabPlaceholders } from './placeholders';
import { maskedAttachments } from './masked-names';
import { toStoredEvent } from '../../store/ingest';
import { storeForTab } from '../store-events';
import { buildWebEvent, type Outcome } from './record';
import { captureRuntime, type CaptureRuntime } from './runtime';
import type { Acknowledgement, TabState } from './tab-memory';
import { updateTabState } from './tab-state';

export interface WebAppSender {
  site: SiteAdapter;
  origin: string;
  tabId: number;
}

const KIND_WORD: Record<Reading['kind'], string> = { send: 'message', typing: 'draft', upload: 'file' };

function readSafely(site: SiteAdapter, request: WireRequest, url: URL): ReadResult {
  try {
    return site.read(request, url);
  } catch {
    // An adapter that throws is an adapter that no longer understands the site.
    return { kind: 'unparsed', reason: 'the adapter failed' };
  }
}

/** The strictest earlier answer that covers this request: what the event records as its notice. */
function carriedNotice(carried: readonly Acknowledgement[]): Notice | undefined {
  const answer = carried.find((ack) => ack.action === 'justify') ?? carried[0];
  if (!answer) return undefined;
  return { action: answer.action, outcome: 'continued', at: answer.at, ...(answer.justification === undefined ? {} : { justification: answer.justification }) };
}

function noticeView(site: SiteAdapter, inspection: WebInspection, action: NoticeView['action']): NoticeView {
  return {
    action,
    appName: site.name,
    at: 'send',
    findings: inspection.noticeFindings,
    ...(action === 'block' && inspection.blockReason ? { reason: inspection.blockReason } : {}),
  };
}

function typeList(inspection: WebInspection): string {
  return inspection.noticeFindings.map((finding) => `${finding.type} ×${finding.count}`).join(', ');
}

interface Decided {
  verdict: CaptureVerdict;
  /** Undefined when nothing is recorded (a typing-phase call held back, a notice still open). */
  outcome?: Outcome;
}

/** The decision for a request, given the inspection and, when a notice was shown, the employee's answer. Mutates the tab's memory. */
function decide(site: SiteAdapter, request: WireRequest, reading: Reading, kind: ReadKind, inspection: WebInspection, choice: Choice | undefined, tab: TabState, runtime: CaptureRuntime): Decided {
  const typing = reading.kind === 'typing';
  const { pending } = inspection;
  if (pending === 'block') {
    // A draft is refused quietly: the send that follows shows the notice and is recorded.
    if (typing) return { verdict: { action: 'refuse', kind } };
    const refusal = `Outflow blocked a ${KIND_WORD[reading.kind]} to ${site.name}: ${inspection.blockReason ?? 'policy'}${inspection.noticeFindings.length ? ` (${typeList(inspection)})` : ''}`;
    return {
      verdict: { action: 'refuse', kind, notice: noticeView(site, inspection, 'block') },
      outcome: { decision: 'blocked', requestBytes: 0, refusal, notice: { action: 'block', outcome: 'blocked', at: 'send' } },
    };
  }
  let notice = carriedNotice(inspection.carried);
  if (pending !== undefined) {
    if (typing) return { verdict: { action: 'refuse', kind } };
    const reason = choice?.justification?.trim() ?? '';
    if (!choice || (choice.outcome === 'continued' && pending === 'justify' && reason === '')) {
      return { verdict: { action: 'ask', kind, notice: noticeView(site, inspection, pending) } };
    }
    if (choice.outcome === 'cancelled') {
      return {
        verdict: { action: 'refuse', kind },
        outcome: {
          decision: 'blocked',
          requestBytes: 0,
          refusal: `The employee cancelled this ${KIND_WORD[reading.kind]} to ${site.name} after ${pending === 'warn' ? 'a warning' : 'being asked for a reason'} (${typeList(inspection)})`,
          notice: { action: pending, outcome: 'cancelled', at: 'send' },
        },
      };
    }
    const justification = pending === 'justify' ? scrubbedJustification(reason, runtime) : undefined;
    const answer: Acknowledgement = { action: pending, at: 'send', ...(justification === undefined ? {} : { justification }) };
    for (const fingerprint of inspection.asked) tab.acknowledged[fingerprint] = answer;
    notice = { action: pending, outcome: 'continued', at: 'send', ...(justification === undefined ? {} : { justification }) };
  }
  const withNotice = (outcome: Outcome): Outcome => (notice ? { ...outcome, notice } : outcome);
  if (inspection.scanned.spansByField.size > 0) {
    if (typing) return { verdict: { action: 'refuse', kind } };
    redactFields(inspection.scanned.spansByField, tabPlaceholders(tab, inspection.redactions, runtime));
    const body = reading.serialise() ?? '';
    const redactedTypes = new Set([...inspection.redactions.values()].map((sample) => sample.type));
    const redacted = inspection.noticeFindings.filter((finding) => redactedTypes.has(finding.type));
    return {
      verdict: { action: 'rewrite', kind, body, redacted },
      outcome: withNotice({ decision: 'redacted', requestBytes: utf8Length(body) }),
    };
  }
  const decision = inspection.composerRedactions > 0 ? 'redacted' : 'allowed';
  return { verdict: { action: 'send', kind }, outcome: withNotice({ decision, requestBytes: bodyBytes(request.body) }) };
}

/**
 * A draft repeated while typing is recorded once: a typing-phase call is recorded only when it
 * carries a finding not yet recorded since the last send (the send records its text anyway).
 */
function isRepeatedDraft(findings: readonly Finding[], tab: TabState): boolean {
  const fingerprints = findings.flatMap((finding) => finding.samples.flatMap((sample) => (sample.fingerprint ? [sample.fingerprint] : [])));
  const fresh = fingerprints.filter((fingerprint) => !tab.typingSeen.includes(fingerprint));
  tab.typingSeen.push(...fresh);
  return fresh.length === 0;
}

export async function captureRequest(request: WireRequest, held: boolean, choice: Choice | undefined, sender: WebAppSender): Promise<CaptureVerdict> {
  const { site, tabId } = sender;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { action: 'send', kind: 'ignore' };
  }
  const result = readSafely(site, request, url);
  if (result.kind === 'ignore') return { action: 'send', kind: 'ignore' };
  const unparsed = result.kind === 'unparsed';
  const reading = unparsed ? genericReading(request, `${site.wire.app}.unparsed`) : result;
  const kind: ReadKind = unparsed ? 'unparsed' : reading.kind;
  const runtime = await captureRuntime();

  const { verdict, event } = await updateTabState(tabId, { id: site.wire.app, version: site.version }, (tab) => {
    // The answer to a notice is the same request again: counted once, when it was first seen.
    if (choice === undefined) {
      if (unparsed) tab.problems.unparsed = (tab.problems.unparsed ?? 0) + 1;
      else tab.parsed += 1;
    }
    const inspection = inspectReading(site, reading, url, held, runtime, tab);
    const decided = decide(site, request, reading, kind, inspection, choice, tab, runtime);
    if (!decided.outcome) return { verdict: decided.verdict, event: undefined };
    if (reading.kind === 'typing' && isRepeatedDraft(inspection.scanned.aggregator.findings, tab)) return { verdict: decided.verdict, event: undefined };
    if (reading.kind === 'send') tab.typingSeen = [];
    const attachments = maskedAttachments(reading.attachments, runtime.scanner);
    return { verdict: decided.verdict, event: buildWebEvent(site, reading, attachments, inspection, tab, decided.outcome, request.method, runtime) };
  });
  if (event) await storeForTab([toStoredEvent(event, { origin: sender.origin, receivedAt: Date.now(), tabId })], tabId);
  if (choice === undefined) await (unparsed ? countProblem(site, 'unparsed') : countParsed(site));
  return verdict;
}
