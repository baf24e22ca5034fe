/**
 * Recording one web-app request as a `FlowEvent`, built by the SDK's own event builder (one event
 * shape for every source) and stored exactly as SDK events are: same table, same session
 * aggregates, the tab's session for the popup, the badge.
 */
import { buildEvent, randomId, SDK_VERSION, type Attachment, type InspectScanner } from '@outflow/sdk/internal/capture';
import { LIMITS, type Decision, type FlowEvent, type Notice } from '@outflow/sdk/schema';
import { toStoredEvent } from '../../store/ingest';
import type { Reading, SiteAdapter } from '../../sites/types';
import { storeForTab } from '../store-events';
import type { WebInspection } from './inspect';
import type { TabState } from './tab-state';

export interface Outcome {
  decision: Decision;
  /** Bytes of the body as it left (0 when refused). */
  requestBytes: number;
  notice?: Notice;
  /** Why it was refused (no value in it). */
  refusal?: string;
}

/** A file name with each sensitive value in it replaced by its masked preview (`export-m•••@n•••.com.csv`). */
export function maskedName(name: string, scanner: Pick<InspectScanner, 'scan'>): string {
  let out = '';
  let cursor = 0;
  for (const match of scanner.scan(name)) {
    if (match.start < cursor) continue;
    out += name.slice(cursor, match.start) + match.preview;
    cursor = match.end;
  }
  return (out + name.slice(cursor)).slice(0, 255);
}

/** The attachments as recorded: names masked. */
export function maskedAttachments(attachments: readonly Attachment[], scanner: Pick<InspectScanner, 'scan'>): Attachment[] {
  return attachments.slice(0, LIMITS.attachmentsPerRequest).map((file) => (file.name === undefined ? file : { ...file, name: maskedName(file.name, scanner) }));
}

export function buildWebEvent(site: SiteAdapter, reading: Reading, attachments: Attachment[], inspection: WebInspection, tab: TabState, outcome: Outcome, method: string): FlowEvent {
  const seq = tab.nextSeq++;
  const event = buildEvent(
    { id: randomId(21), timestamp: new Date().toISOString(), startedAt: 0 },
    seq,
    { sessionId: tab.sessionId, source: { kind: 'web-app', sdkVersion: SDK_VERSION, app: site.wire.app, runtime: 'browser', adapterVersion: site.version } },
    {
      destination: inspection.destination,
      method,
      requestBytes: outcome.requestBytes,
      chars: inspection.scanned.chars,
      attachments,
      stream: reading.stream,
      findings: inspection.scanned.aggregator.findings,
      truncatedFindings: inspection.scanned.aggregator.truncatedFindings,
      decision: outcome.decision,
      ...(outcome.refusal === undefined ? {} : { error: { kind: 'blocked' as const, message: outcome.refusal } }),
    },
  );
  if (outcome.notice) event.notice = outcome.notice;
  return event;
}

export async function storeWebEvent(event: FlowEvent, origin: string, tabId: number): Promise<void> {
  await storeForTab([toStoredEvent(event, { origin, receivedAt: Date.now(), tabId })], tabId);
}
