/**
 * Recording one web-app request as a `FlowEvent`, built by the SDK's own event builder (one event
 * shape for every source) and stored exactly as SDK events are: same table, same session
 * aggregates, the tab's session for the popup, the badge.
 */
import { buildEvent, randomId, SDK_VERSION, type Attachment } from '@outflow/sdk/internal/capture';
import type { Decision, FlowEvent, Notice } from '@outflow/sdk/schema';
import { toStoredEvent } from '../../store/ingest';
import type { Reading, SiteAdapter } from '../../sites/types';
import { storeForTab } from '../store-events';
import type { WebInspection } from './inspect';
import type { TabState } from './tab-memory';

export interface Outcome {
  decision: Decision;
  /** Bytes of the body as it left (0 when refused). */
  requestBytes: number;
  notice?: Notice;
  /** Why it was refused (no value in it). */
  refusal?: string;
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
