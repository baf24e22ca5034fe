/**
 * Finds every string of a JSON request body that carries content, with the field path reviewers
 * see in events (`messages[2].content`, `contents[0].parts[1].text`), and lets redaction replace
 * it in place. Base64 payloads (images, PDFs, audio, data: URLs) are described as attachments:
 * those that decode to text are scanned as text, the others listed as unscanned (`binary`).
 * Whatever the walker gives up on (nesting past its depth) is listed too.
 */
import { binaryPart, unscannedPart, type UnscannedPart } from '../coverage';
import { decodeBase64, encodeBase64 } from '../internal/base64';
import { MAGIC_BYTES } from '../internal/magic';
import { sniffText } from '../internal/sniff';
import { hasTokenShape } from '../internal/token-shape';
import { utf8Length } from '../internal/utf8';
import { LIMITS } from '../schema';
import { isRecord } from './types';

export interface TextField {
  /** `messages[2].content`, `system`, `input[0].content[0].text`, or `body` for a JSON string body. */
  readonly field: string;
  readonly text: string;
  /**
   * The key the text sits under, when that name may say what the text is (`authorization_token`,
   * `password`): the text is scanned as the value of an assignment to it.
   */
  readonly name?: string;
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
  /** What was not scanned: binary payloads, nesting past the walker's depth. */
  unscanned: UnscannedPart[];
}

/**
 * Keys that carry structure at any depth, never user content — as long as they hold a string:
 * an object under one is walked (a tool parameter named `id` or `type` has a description).
 */
const STRUCTURAL_KEYS = new Set([
  'role', 'type', 'id', 'call_id', 'tool_call_id', 'tool_use_id', 'media_type', 'mime_type', 'mimeType',
  'detail', 'signature', 'encrypted_content', 'cache_control', 'status', 'finish_reason', 'object',
]);
const BINARY_KEYS = new Set(['data', 'file_data', 'bytes']);
const BASE64_RUN = /^[A-Za-z0-9+/=_-]+$/;
/** A string this long made only of base64 characters is an encoded file, not prose. */
const MIN_BARE_BASE64 = 2048;
/** Deeper nesting than this is not a real AI request; stop rather than walk an adversarial body, and say so. */
const MAX_DEPTH = 64;
/** Base64 payloads larger than this (decoded) are not decoded to look for text: listed as `size`. */
export const MAX_SCANNED_FILE_BYTES = 5 * 1024 * 1024;
/**
 * A key whose last word may name a secret: its string value is scanned as an assignment to it,
 * so GENERIC_SECRET judges `"authorization_token": "…"` as it would in a config file. Only a
 * prefilter: the detector decides.
 */
const SECRET_NAME = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|key|credentials?|authori[sz]ation)$/i;

export function collectTextFields(body: unknown, configKeys: ReadonlySet<string> = new Set()): Extracted {
  const fields: TextField[] = [];
  const attachments: Attachment[] = [];
  const unscanned: UnscannedPart[] = [];
  if (typeof body === 'string') {
    if (body.length > 0) fields.push({ field: 'body', text: body, replace: () => undefined });
    return { fields, attachments, unscanned };
  }
  walk(body, '', 0);
  return { fields, attachments, unscanned };

  function walk(value: unknown, path: string, depth: number): void {
    if (depth > MAX_DEPTH) {
      unscanned.push(unscannedPart(path || 'body', 'depth', contentBytes(value)));
      return;
    }
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
      const child = record[key];
      if ((STRUCTURAL_KEYS.has(key) && typeof child !== 'object') || (depth === 0 && configKeys.has(key))) continue;
      const segment = fieldSegment(key, index);
      // A key that may be data (`{"jane@corp.com": …}`, a token as a key) is scanned like any
      // text, and the path names it by position so the key itself never reaches an event.
      const childPath = joinPath(path, segment);
      const slot = { key };
      if (segment !== key) fields.push({ field: `${childPath}(key)`, text: key, replace: (t) => renameKey(record, slot, t) });
      if (typeof child === 'string') visitString(childPath, child, (t) => (record[slot.key] = t), key, record);
      else walk(child, childPath, depth + 1);
    }
  }

  function visitString(field: string, text: string, replace: (t: string) => void, key: string | undefined, parent: Record<string, unknown> | undefined): void {
    if (text.length === 0) return;
    const payload = base64Payload(text, key, parent);
    if (payload === undefined) {
      fields.push(key !== undefined && SECRET_NAME.test(key) ? { field, text, name: key, replace } : { field, text, replace });
      return;
    }
    if (attachments.length < LIMITS.attachmentsPerRequest) attachments.push({ mimeType: payload.mimeType, bytes: payload.bytes });
    const base64 = text.slice(payload.dataStart);
    const head = decodeBase64(base64.slice(0, payload.mayBeText ? SNIFF_CHARS : MAGIC_CHARS));
    if (!payload.mayBeText || !isText(head)) {
      unscanned.push(binaryPart(field, payload.bytes, head));
      return;
    }
    if (payload.bytes > MAX_SCANNED_FILE_BYTES) {
      unscanned.push(unscannedPart(field, 'size', payload.bytes));
      return;
    }
    const sniffed = sniffText(decodeBase64(base64) ?? new Uint8Array());
    if (sniffed.kind !== 'text') {
      unscanned.push(binaryPart(field, payload.bytes, head));
      return;
    }
    if (sniffed.invalid > 0) unscanned.push(unscannedPart(field, 'encoding', sniffed.invalid));
    const header = text.slice(0, payload.dataStart);
    fields.push({ field, text: sniffed.text, replace: (t) => replace(header + encodeBase64(new TextEncoder().encode(t))) });
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
const DIGIT = /\d/;

/**
 * A field name as it may appear in an event: itself when it is a plain name, else its position
 * (`[#2]`). Not plain: anything but an identifier, and identifiers that may be data rather than
 * a name — a long one with digits (`AKIA…`, `ghp_…`) or a token-shaped one.
 */
export function fieldSegment(name: string, index: number): string {
  const plain = IDENTIFIER.test(name) && !(name.length >= 8 && DIGIT.test(name)) && !hasTokenShape(name);
  return plain ? name : `[#${index}]`;
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

interface Base64Payload {
  mimeType: string;
  /** Decoded size. */
  bytes: number;
  /** Where the base64 starts (after a `data:…;base64,` header). */
  dataStart: number;
  /** A text type, or no type at all: worth decoding to see. Images, audio, video and PDFs are not. */
  mayBeText: boolean;
}

const OPAQUE_TYPE = /^(?:image|audio|video|font|model)\/|^application\/(?:pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.|msword)/i;

function base64Payload(text: string, key: string | undefined, parent: Record<string, unknown> | undefined): Base64Payload | undefined {
  if (text.startsWith('data:')) {
    const comma = text.indexOf(',');
    const header = comma > 0 ? text.slice(5, comma) : '';
    if (header.endsWith(';base64')) {
      const mimeType = header.slice(0, -';base64'.length).split(';', 1)[0] || 'application/octet-stream';
      return { mimeType, bytes: base64Bytes(text, comma + 1), dataStart: comma + 1, mayBeText: !OPAQUE_TYPE.test(mimeType) };
    }
  }
  if (key !== undefined && parent !== undefined && BINARY_KEYS.has(key) && parent.type !== 'text') {
    const declared = parent.media_type ?? parent.mimeType ?? parent.mime_type;
    // OpenAI's input_audio names its format instead (`{ data, format: 'wav' }`).
    const mime = typeof declared === 'string' ? declared : typeof parent.format === 'string' && parent.type === undefined ? `audio/${parent.format}` : undefined;
    if (mime !== undefined || parent.type === 'base64') {
      const mimeType = mime ?? 'application/octet-stream';
      return { mimeType, bytes: base64Bytes(text, 0), dataStart: 0, mayBeText: !OPAQUE_TYPE.test(mimeType) };
    }
  }
  if (text.length >= MIN_BARE_BASE64 && !text.includes(' ') && BASE64_RUN.test(text)) {
    return { mimeType: 'application/octet-stream', bytes: base64Bytes(text, 0), dataStart: 0, mayBeText: true };
  }
  return undefined;
}

/** Base64 characters decoded first to tell text from binary (a multiple of 4: 8 KB of bytes). */
const SNIFF_CHARS = 10_924;
/** Base64 characters holding a binary format's signature (a multiple of 4). */
const MAGIC_CHARS = Math.ceil(MAGIC_BYTES / 3) * 4;

function isText(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && sniffText(bytes).kind === 'text';
}

/** Decoded size of the base64 in `text` from `start`, padding taken off. */
function base64Bytes(text: string, start: number): number {
  let padding = 0;
  while (padding < 2 && text.length - padding > start && text.charCodeAt(text.length - 1 - padding) === 61) padding++;
  return Math.max(0, Math.floor(((text.length - start) * 3) / 4) - padding);
}

/** UTF-8 bytes of the keys and strings under `value`, counted without recursion (the nesting may be adversarial). */
function contentBytes(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') bytes += utf8Length(next);
    else if (Array.isArray(next)) for (const item of next) stack.push(item);
    else if (isRecord(next)) {
      for (const [key, child] of Object.entries(next)) {
        bytes += utf8Length(key);
        stack.push(child);
      }
    }
  }
  return bytes;
}
