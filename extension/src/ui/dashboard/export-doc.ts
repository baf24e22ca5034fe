/**
 * The calls inside an export document, for the CSV. The document came from our own background a
 * moment ago, so a shape check is enough here; imports are validated by the background.
 */
import type { StoredEvent } from '../../messages';

export function exportedEvents(doc: unknown): StoredEvent[] {
  const events = typeof doc === 'object' && doc !== null ? (doc as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) throw new Error('The export has no list of calls; it cannot be turned into CSV.');
  return events as StoredEvent[];
}
