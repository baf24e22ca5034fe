/**
 * What the page-world wrapper hands over about one request, as plain data (it crosses from the
 * page's world to the extension's as JSON). Types only: the page-world script imports nothing
 * that would bring zod or the scanner into the page; the extension side parses these with
 * `wire-request.ts`.
 */

/** Why a body, or a file in it, could not be read as text. */
export type UnreadReason = 'binary' | 'size' | 'format' | 'error';

/** A file as the page sends it: its text when it is small text, otherwise only what it is. */
export interface WireFile {
  name?: string;
  type: string;
  bytes: number;
  text?: string;
  /** Set when `text` is absent: why it was not read. */
  unread?: UnreadReason;
}

export type WireBody =
  | { kind: 'none' }
  /** A string body: JSON, form-encoded text, a WebSocket text frame. */
  | { kind: 'text'; text: string }
  /** `URLSearchParams`, serialised. */
  | { kind: 'form'; text: string }
  | { kind: 'multipart'; parts: WirePart[] }
  /** A `Blob` or `File` body (a direct upload). */
  | { kind: 'file'; file: WireFile }
  /** An `ArrayBuffer` or typed array; `text` when it decodes as UTF-8 text within the size limit. */
  | { kind: 'binary'; bytes: number; text?: string }
  /** A body the wrapper cannot read without consuming it (a `ReadableStream`), or that failed to read. */
  | { kind: 'unreadable'; reason: UnreadReason; bytes?: number };

export type WirePart = { name: string; value: string } | { name: string; file: WireFile };

export interface WireRequest {
  transport: 'fetch' | 'xhr' | 'websocket';
  /** Upper case; `SEND` for a WebSocket frame. */
  method: string;
  url: string;
  contentType?: string;
  body: WireBody;
}

/** Bodies and files larger than this are described, not read: the scan would cost more than the call. */
export const MAX_READ_CHARS = 5 * 1024 * 1024;

/** File types read as text (by MIME type, or by extension when the type is generic). */
export const TEXT_MIME = /^(?:text\/|application\/(?:json|x-ndjson|jsonl|xml|yaml|x-yaml|csv|javascript|x-sh|sql))/;
export const TEXT_EXTENSION = /\.(?:txt|md|csv|tsv|json|jsonl|ndjson|xml|ya?ml|log|html?|env|ini|conf|cfg|toml|sql|sh|py|js|ts|java|go|rb|php|cs|c|cpp|h)$/i;

export function isTextFile(type: string, name: string | undefined): boolean {
  return TEXT_MIME.test(type) || (name !== undefined && TEXT_EXTENSION.test(name));
}
