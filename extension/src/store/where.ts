/**
 * "Where did this value go?" over the local store: the events whose findings carry one of the
 * value's fingerprints under the organisation key. The dashboard computes the fingerprints from
 * the typed value and sends only them; this scans the stored events (newest first) and matches
 * the same way `outflow clickhouse where` does: events made under the key, plus events whose
 * producer named no key.
 */
import type { StoredEvent, WhereRow } from '../messages';
import type { OutflowDb } from './db';

/** Rows returned at most; the count of matches beyond is reported as truncated. */
export const WHERE_ROW_LIMIT = 500;

function matchedType(event: StoredEvent, fingerprints: ReadonlySet<string>): string | undefined {
  for (const finding of event.findings) {
    for (const sample of finding.samples) if (sample.fingerprint !== undefined && fingerprints.has(sample.fingerprint)) return finding.type;
  }
  return undefined;
}

export async function eventsCarrying(db: OutflowDb, fingerprints: readonly string[], keyId: string, limit = WHERE_ROW_LIMIT): Promise<{ rows: WhereRow[]; searchedEvents: number; truncated: boolean }> {
  const wanted = new Set(fingerprints);
  const rows: WhereRow[] = [];
  let searchedEvents = 0;
  let truncated = false;
  await db.events
    .orderBy('ts')
    .reverse()
    .each((event) => {
      searchedEvents += 1;
      if (event.fingerprintKeyId !== undefined && event.fingerprintKeyId !== keyId) return;
      const type = matchedType(event, wanted);
      if (type === undefined) return;
      if (rows.length >= limit) {
        truncated = true;
        return;
      }
      rows.push({ eventId: event.id, ts: event.ts, app: event.source.app, origin: event.origin, provider: event.destination.provider, decision: event.decision, type, sessionKey: event.sessionKey });
    });
  return { rows, searchedEvents, truncated };
}
