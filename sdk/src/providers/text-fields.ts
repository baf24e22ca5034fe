/**
 * Finds every string of a JSON request body that carries content, with the field path reviewers
 * see in events (`messages[2].content`, `contents[0].parts[1].text`), and lets redaction replace
 * it in place. Binary payloads (base64 images, PDFs, data: URLs) are described as attachments
 * instead of scanned: they are not text, and scanning megabytes of base64 only finds noise.
 */
import { LIMITS } from '../schema';
import { isRecord } from './types';

export interface TextField {
  /** `messages[2].content`, `system`, `input[0].content[0].text`, or `body` for a JSON string body. */
  readonly field: string;
  readonly text: string;
  /** Replaces this string inside the parsed body (used by redaction before re-serialising). */
  replace(text: string): void;
}

export interface Attachment {
  mimeType: string;
  bytes: number;
  name?: string;
}

export interface Extracted {
  fields: TextField[];
  attachments: Attachment[];
}

/** Keys that carry structure at any depth, never user content. */
const STRUCTURAL_KEYS = new Set([
  'role', 'type', 'id', 'call_id', 'tool_call_id', 'tool_use_id', 'media_type', 'mime_type', 'mimeType',
  'detail', 'signature', 'encrypted_content', 'cache_control', 'status', 'finish_reason', 'object',
]);
const BINARY_KEYS = new Set(['data', 'file_data', 'bytes']);
const BASE64_RUN = /^[A-Za-z0-9+/=_-]+$/;
/** A string this long made only of base64 characters is an encoded file, not prose. */
const MIN_BARE_BASE64 = 2048;
/** Deeper nesting than this is not a real AI request; stop rather than walk an adversarial body. */
const MAX_DEPTH = 64;

export function collectTextFields(body: unknown, configKeys: ReadonlySet<string> = new Set()): Extracted {
  const fields: TextField[] = [];
  const attachments: Attachment[] = [];
  if (typeof body === 'string') {
    if (body.length > 0) fields.push({ field: 'body', text: body, replace: () => undefined });
    return { fields, attachments };
  }
  walk(body, '', 0);
  return { fields, attachments };

  function walk(value: unknown, path: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const itemPath = `${path}[${i}]`;
        if (typeof item === 'string') visitString(itemPath, item, (t) => (value[i] = t), undefined, undefined);
        else walk(item, itemPath, depth + 1);
      }
      return;
    }
    if (!isRecord(value)) return;
    const record = value;
    for (const [index, key] of Object.keys(record).entries()) {
      if (STRUCTURAL_KEYS.has(key) || (depth === 0 && configKeys.has(key))) continue;
      const child = record[key];
      const plain = IDENTIFIER.test(key);
      // A key that is not an identifier is data (`{"jane@corp.com": …}`): it is scanned like any
      // text, and the path names it by position so the key itself never reaches an event.
      const childPath = joinPath(path, fieldSegment(key, index));
      const slot = { key };
      if (!plain) fields.push({ field: `${childPath}(key)`, text: key, replace: (t) => renameKey(record, slot, t) });
      if (typeof child === 'string') visitString(childPath, child, (t) => (record[slot.key] = t), key, record);
      else walk(child, childPath, depth + 1);
    }
  }

  function visitString(field: string, text: string, replace: (t: string) => void, key: string | undefined, parent: Record<string, unknown> | undefined): void {
    if (text.length === 0) return;
    const binary = describeBinary(text, key, parent);
    if (!binary) fields.push({ field, text, replace });
    else if (attachments.length < LIMITS.attachmentsPerRequest) attachments.push(binary);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

/** A field name as it may appear in an event: itself when it is an identifier, else its position (`[#2]`). */
export function fieldSegment(name: string, index: number): string {
  return IDENTIFIER.test(name) ? name : `[#${index}]`;
}

/** `messages` + `content` → `messages.content`; a positional segment (`[#2]`) attaches without a dot. */
function joinPath(path: string, segment: string): string {
  if (path === '') return segment;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

/** Renames a key in place, keeping the key order (redaction of a sensitive key). */
function renameKey(record: Record<string, unknown>, slot: { key: string }, to: string): void {
  const entries = Object.entries(record);
  for (const key of Object.keys(record)) delete record[key];
  for (const [key, value] of entries) record[key === slot.key ? to : key] = value;
  slot.key = to;
}

function describeBinary(text: string, key: string | undefined, parent: Record<string, unknown> | undefined): Attachment | undefined {
  if (text.startsWith('data:')) {
    const comma = text.indexOf(',');
    const header = comma > 0 ? text.slice(5, comma) : '';
    if (header.endsWith(';base64')) {
      return { mimeType: header.slice(0, -';base64'.length) || 'application/octet-stream', bytes: base64Bytes(text.length - comma - 1) };
    }
  }
  if (key !== undefined && parent !== undefined && BINARY_KEYS.has(key) && parent.type !== 'text') {
    const mime = parent.media_type ?? parent.mimeType ?? parent.mime_type;
    if (typeof mime === 'string' || parent.type === 'base64') {
      return { mimeType: typeof mime === 'string' ? mime : 'application/octet-stream', bytes: base64Bytes(text.length) };
    }
  }
  if (text.length >= MIN_BARE_BASE64 && !text.includes(' ') && BASE64_RUN.test(text)) {
    return { mimeType: 'application/octet-stream', bytes: base64Bytes(text.length) };
  }
  return undefined;
}

function base64Bytes(chars: number): number {
  return Math.floor((chars * 3) / 4);
}
