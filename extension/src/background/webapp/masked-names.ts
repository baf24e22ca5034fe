/** File names as recorded: names can be sensitive too (`export-jane@corp.com.csv`), and are kept masked. */
import type { Attachment, InspectScanner } from '@outflow/sdk/internal/capture';
import { LIMITS } from '@outflow/sdk/schema';

/** A file name with each sensitive value in it replaced by its masked preview (`export-m•••@n•••.com.csv`). */
export function maskedName(name: string, scanner: Pick<InspectScanner, 'scan'>): string {
  let out = '';
  let cursor = 0;
  for (const match of scanner.scan(name)) {
    if (match.start < cursor) continue;
    out += name.slice(cursor, match.start) + match.preview;
    cursor = match.end;
  }
  return (out + name.slice(cursor)).slice(0, 255);
}

/** The attachments as recorded: names masked. */
export function maskedAttachments(attachments: readonly Attachment[], scanner: Pick<InspectScanner, 'scan'>): Attachment[] {
  return attachments.slice(0, LIMITS.attachmentsPerRequest).map((file) => (file.name === undefined ? file : { ...file, name: maskedName(file.name, scanner) }));
}

