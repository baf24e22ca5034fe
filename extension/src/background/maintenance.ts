/**
 * Retention and the storage cap, run by an alarm (MV3 workers are stopped when idle, so no timer
 * would survive), after settings change, and the cap after every write. Each eviction is counted.
 * Each run also settles the hash chain: its signed base moves past what was evicted, and its head
 * is signed (the periodic checkpoint). Between runs, links of evicted events stay, which a
 * verifier reads like a filtered export; folding them hourly rather than at every capped write
 * keeps checkpoints to a few per hour.
 */
import browser from 'webextension-polyfill';
import { db } from '../store/db';
import { addToCounters, EVICTED_CAP, EVICTED_RETENTION, MAINTENANCE_LAST_RUN, setCounter } from '../store/counters';
import { enforceCap, evictOlderThan } from '../store/evict';
import { settleChain } from '../store/chain';
import { getSettings } from './settings';

export const MAINTENANCE_ALARM = 'outflow-maintenance';
const DAY_MS = 86_400_000;

export async function scheduleMaintenance(): Promise<void> {
  const existing = await browser.alarms.get(MAINTENANCE_ALARM);
  if (!existing) browser.alarms.create(MAINTENANCE_ALARM, { delayInMinutes: 1, periodInMinutes: 60 });
}

export async function capStore(maxEvents: number): Promise<number> {
  const evicted = await enforceCap(db(), maxEvents);
  await addToCounters(db(), { [EVICTED_CAP]: evicted });
  return evicted;
}

export async function runMaintenance(now = Date.now()): Promise<void> {
  const settings = await getSettings();
  const retained = await evictOlderThan(db(), now - settings.retentionDays * DAY_MS);
  await addToCounters(db(), { [EVICTED_RETENTION]: retained });
  await capStore(settings.maxEvents);
  await settleChain(db(), new Date(now));
  await setCounter(db(), MAINTENANCE_LAST_RUN, now);
}
