/** Diagnostics counters, kept in the database so a stopped service worker forgets nothing. */
import type { OutflowDb } from './db';

export const REJECTED_PREFIX = 'rejected:';
export const EVICTED_RETENTION = 'evicted:retention';
export const EVICTED_CAP = 'evicted:cap';
export const MAINTENANCE_LAST_RUN = 'maintenance:lastRunAt';

/** Adds to several counters in one transaction (or inside the caller's, when there is one). */
export async function addToCounters(db: OutflowDb, amounts: Record<string, number>): Promise<void> {
  const names = Object.keys(amounts).filter((name) => (amounts[name] ?? 0) !== 0);
  if (names.length === 0) return;
  await db.transaction('rw', db.counters, async () => {
    const current = await db.counters.bulkGet(names);
    await db.counters.bulkPut(names.map((name, i) => ({ name, value: (current[i]?.value ?? 0) + (amounts[name] ?? 0) })));
  });
}

export async function setCounter(db: OutflowDb, name: string, value: number): Promise<void> {
  await db.counters.put({ name, value });
}

/** Rejected-message counts by reason, from every `rejected:<reason>` counter. */
export async function rejectedCounts(db: OutflowDb): Promise<Record<string, number>> {
  const rows = await db.counters.where('name').startsWith(REJECTED_PREFIX).toArray();
  return Object.fromEntries(rows.map((row) => [row.name.slice(REJECTED_PREFIX.length), row.value]));
}

export async function counterValue(db: OutflowDb, name: string): Promise<number | undefined> {
  return (await db.counters.get(name))?.value;
}
