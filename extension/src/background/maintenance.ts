/**
 * Retention and the storage cap, run by an alarm (MV3 workers are stopped when idle, so no timer
 * would survive), after settings change, and the cap after every write. Each eviction is counted.
 */
import browser from 'webextension-polyfill';
import { db } from '../store/db';
import { addToCounters, EVICTED_CAP, EVICTED_RETENTION, MAINTENANCE_LAST_RUN, setCounter } from '../store/counters';
import { enforceCap, evictOlderThan } from '../store/evict';
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
  await setCounter(db(), MAINTENANCE_LAST_RUN, now);
}
