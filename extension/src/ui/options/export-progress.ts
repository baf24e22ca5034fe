import type { OrgExportStatus } from '../../messages';
import { formatAgo, formatCount } from '../shared/format';

/** "Last export 2 min ago, 0 pending": the one line that says how far the organisation export is. */
export function exportProgress(status: Extract<OrgExportStatus, { configured: true }>, now = Date.now()): string {
  const pending = `${formatCount(status.pending)} pending`;
  return status.lastSuccessAt === undefined ? `Nothing exported yet, ${pending}` : `Last export ${formatAgo(status.lastSuccessAt, now)}, ${pending}`;
}
