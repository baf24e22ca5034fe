/**
 * Recording one web-app request as a `FlowEvent`, built by the SDK's own event builder (one event
 * shape for every source), to be stored exactly as SDK events are (capture.ts): same table, same
 * session aggregates, the tab's session for the popup, the badge. Pure, so it is unit-tested.
 */
import { buildEvent, randomId, SDK_VERSION, type Attachment } from '@outflow/sdk/internal/capture';
import type { Decision, FlowEvent, Notice } from '@outflow/sdk/schema';
import type { Reading, SiteAdapter } from '../../sites/types';
import type { WebInspection } from './inspect';
import type { CaptureRuntime } from './runtime';
import type { TabState } from './tab-memory';

export interface Outcome {
  decision: Decision;
  /** Bytes of the body as it left (0 when refused). */
  requestBytes: number;
  notice?: Notice;
  /** Why it was refused (no value in it). */
  refusal?: string;
}

/**
 * `coverage` lists what the adapter could not read (images, PDFs and other binary files, files
 * referenced by id, a body of a shape the adapter does not know) and fields the scanner failed on.
 */
export function buildWebEvent(
  site: SiteAdapter,
  reading: Reading,
  attachments: Attachment[],
  inspection: WebInspection,
  tab: TabState,
  outcome: Outcome,
  method: string,
  runtime: Pick<CaptureRuntime, 'scrubber' | 'fingerprintKeyId'>,
): FlowEvent {
  const seq = tab.nextSeq++;
  const event = buildEvent(
    { id: randomId(21), timestamp: new Date().toISOString(), startedAt: 0 },
    seq,
    {
      sessionId: tab.sessionId,
      source: { kind: 'web-app', sdkVersion: SDK_VERSION, app: site.wire.app, runtime: 'browser', adapterVersion: site.version },
      scrubber: runtime.scrubber,
      fingerprintKeyId: runtime.fingerprintKeyId,
    },
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
      unscanned: inspection.unscanned,
      ...(outcome.refusal === undefined ? {} : { error: { kind: 'blocked' as const, message: outcome.refusal } }),
    },
  );
  if (outcome.notice) event.notice = outcome.notice;
  return event;
}
