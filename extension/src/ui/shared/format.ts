/**
 * How numbers, sizes and times read in the popup and the dashboard. One place, so both surfaces
 * say "1.2 kB" and "14:03" the same way.
 */

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** `1234` → `1.2 kB` (decimal units, as browsers' network panels show them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

const countFormat = new Intl.NumberFormat('en');

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** `1 call`, `3 calls`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** `Nov 27, 18:27`: for dense tables. */
export function formatShortDateTime(epochMs: number): string {
  return shortDateTimeFormat.format(epochMs);
}

export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}

export function formatDateTime(epochMs: number): string {
  return dateTimeFormat.format(epochMs);
}

/** A record's entries, largest count first, ties by name, so lists read the same on every render. */
export function byCountDesc(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** Sum of a record's counts. */
export function total(record: Record<string, number>): number {
  let sum = 0;
  for (const value of Object.values(record)) sum += value;
  return sum;
}

/** `EMAIL×2, PHONE×1`: the compact form used in tables and CSV. */
export function typeCounts(record: Record<string, number>): string {
  return byCountDesc(record)
    .map(([type, count]) => `${type}×${count}`)
    .join(', ');
}

/** `YYYY-MM-DD` of a local `<input type="date">` → epoch ms at the start (or end) of that local day. */
export function dateInputToEpoch(value: string, edge: 'start' | 'end'): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return edge === 'start' ? new Date(y, m - 1, d).getTime() : new Date(y, m - 1, d + 1).getTime() - 1;
}

/** `just now`, `2 min ago`, `3 h ago`, then the date: how long ago something happened. */
export function formatAgo(epochMs: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDateTime(epochMs);
}

/** `in 30 s`, `in 4 min`: how soon something will happen. */
export function formatIn(epochMs: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((epochMs - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return `at ${formatDateTime(epochMs)}`;
}
