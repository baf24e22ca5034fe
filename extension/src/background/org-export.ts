/**
 * The organisation export: when IT sets `export.otlp` in managed storage, stored events go to
 * the collector as OpenTelemetry logs (the SDK's `toExportLogsRequest`: one `outflow.flow` record
 * per event, one `gen_ai.security.finding` per finding), in batches, oldest first.
 *
 * An MV3 worker is stopped when idle, so nothing here relies on memory: the queue and its cursor
 * are in IndexedDB (store/export-queue.ts), and an alarm is set before every wait, so a stopped
 * worker is woken to go on. A timer goes with it for short waits (Chromium fires alarms no sooner
 * than 30 s after they are set in a packed extension).
 */
import browser from 'webextension-polyfill';
import { publicSigning } from '@outflow/sdk/chain/index';
import { toExportLogsRequest } from '@outflow/sdk/otel/logs';
import type { OrgExportStatus } from '../messages';
import { readOrgSettings } from '../managed-org';
import type { OtlpExportConfig } from '../org-settings';
import { db } from '../store/db';
import { boundedQueueState, countDropped, droppedCounts, nextBatch, pendingCount, writeQueueState, type ExportQueueState } from '../store/export-queue';
import { readSigningPublicKey } from '../store/chain';
import { classifyResponse, nextAttemptAt, type Outcome } from './export-retry';
import { matchPatternOf } from './origins';

export const EXPORT_ALARM = 'outflow-org-export';
/** A collector that has not answered in this long is given up on for this attempt. */
const REQUEST_TIMEOUT_MS = 30_000;
/** After new events are stored, wait this long so a burst goes out as one batch. */
const GATHER_MS = 1000;
/** The alarm set when events are queued: it resumes the export if the worker is stopped first. */
const RESUME_AFTER_MS = 30_000;

let running: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

function wakeAt(at: number): void {
  browser.alarms.create(EXPORT_ALARM, { when: at });
  if (timer !== undefined) clearTimeout(timer);
  const delay = at - Date.now();
  // Past a few seconds the worker may well be stopped before a timer fires; the alarm covers that.
  timer = setTimeout(() => void drainOrgExport(), Math.max(0, delay));
}

/** After a store write: send soon, and make sure a stopped worker resumes. */
export function queueOrgExport(): void {
  void (async () => {
    if (!(await readOrgSettings()).otlp) return;
    const state = await boundedQueueState(db());
    if (state.nextAttemptAt !== undefined && state.nextAttemptAt > Date.now()) return; // backing off: its alarm is set
    browser.alarms.create(EXPORT_ALARM, { when: Date.now() + RESUME_AFTER_MS });
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void drainOrgExport(), GATHER_MS);
  })().catch((error: unknown) => console.warn('Outflow: could not queue the organisation export', error));
}

/** Sends what waits, batch after batch, until the queue is empty or the collector fails. One run at a time. */
export function drainOrgExport(options: { force?: boolean } = {}): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await drainOnce(options.force ?? false);
    } while (again);
  })()
    .catch((error: unknown) => console.warn('Outflow: organisation export failed', error))
    .finally(() => (running = undefined));
  return running;
}

async function post(config: OtlpExportConfig, body: string): Promise<Outcome> {
  const now = Date.now();
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers: { ...config.headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      // Never the employee's cookies: the collector is authenticated by IT's headers only.
      credentials: 'omit',
    });
    await response.body?.cancel().catch(() => undefined);
    return classifyResponse(response.status, response.headers.get('retry-after'), now);
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'TimeoutError') return { kind: 'retry', reason: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` };
    // fetch says only "Failed to fetch": unreachable, offline, refused by CORS or a missing host permission.
    return { kind: 'retry', reason: navigator.onLine === false ? 'offline' : 'the collector could not be reached (network error, or the request was refused by CORS: see Options)' };
  }
}

async function drainOnce(force: boolean): Promise<void> {
  const config = (await readOrgSettings()).otlp;
  if (!config) {
    await browser.alarms.clear(EXPORT_ALARM);
    return;
  }
  let state = await boundedQueueState(db());
  const now = Date.now();
  if (!force && state.nextAttemptAt !== undefined && state.nextAttemptAt > now) return wakeAt(state.nextAttemptAt);
  const resource = await exportResource();
  for (;;) {
    const batch = await nextBatch(db(), state.cursor);
    if (!batch) break;
    if (batch.missing > 0) await countDropped(db(), { 'deleted-before-export': batch.missing });
    const attemptAt = Date.now();
    const outcome: Outcome = batch.events.length === 0 ? { kind: 'delivered' } : await post(config, JSON.stringify(toExportLogsRequest(batch.events, resource)));
    if (outcome.kind === 'retry') {
      const failures = state.attempts + 1;
      const next = nextAttemptAt(attemptAt, failures, outcome.retryAfterMs);
      state = { ...state, attempts: failures, lastAttemptAt: attemptAt, nextAttemptAt: next, lastError: { at: attemptAt, reason: outcome.reason } };
      await writeQueueState(db(), state);
      return wakeAt(next);
    }
    if (outcome.kind === 'refused') await countDropped(db(), { 'rejected-by-collector': batch.events.length });
    const delivered = outcome.kind === 'delivered' ? batch.events.length : 0;
    const { nextAttemptAt: _cleared, lastError: _recovered, ...rest } = state;
    state = {
      ...rest,
      cursor: batch.lastSeq,
      attempts: 0,
      lastAttemptAt: attemptAt,
      delivered: state.delivered + delivered,
      ...(delivered > 0 ? { lastSuccessAt: attemptAt } : {}),
      ...(outcome.kind === 'refused' ? { lastError: { at: attemptAt, reason: `${outcome.reason}; ${batch.events.length} events were dropped` } } : {}),
    } satisfies ExportQueueState;
    await writeQueueState(db(), state);
  }
  await browser.alarms.clear(EXPORT_ALARM);
}

/**
 * The OTLP resource: this extension, and this browser's chain signing key id — a pseudonymous,
 * stable name for the install that ties its OTLP records to its verifiable exports.
 */
async function exportResource() {
  const keyId = (await publicSigning(await readSigningPublicKey(db()))).keyId;
  return {
    serviceName: 'outflow-extension',
    scope: { name: '@outflow/extension', version: browser.runtime.getManifest().version },
    attributes: {
      'service.version': browser.runtime.getManifest().version,
      'outflow.chain.key_id': keyId,
    },
  };
}

export async function orgExportStatus(): Promise<OrgExportStatus> {
  const org = await readOrgSettings();
  if (!org.otlp) return { configured: false, problems: org.problems };
  const state = await boundedQueueState(db());
  const origin = new URL(org.otlp.url).origin;
  return {
    configured: true,
    problems: org.problems,
    url: org.otlp.url,
    headerNames: Object.keys(org.otlp.headers),
    hostAccess: await browser.permissions.contains({ origins: [matchPatternOf(origin)] }),
    pending: await pendingCount(db(), state.cursor),
    delivered: state.delivered,
    dropped: await droppedCounts(db()),
    ...(state.lastSuccessAt === undefined ? {} : { lastSuccessAt: state.lastSuccessAt }),
    ...(state.lastAttemptAt === undefined ? {} : { lastAttemptAt: state.lastAttemptAt }),
    ...(state.lastError === undefined ? {} : { lastError: state.lastError }),
    ...(state.nextAttemptAt === undefined ? {} : { nextAttemptAt: state.nextAttemptAt }),
  };
}
