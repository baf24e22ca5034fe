/**
 * What every adapter reads the same way: JSON bodies and their string fields (with a `replace`
 * that rewrites the parsed body for redaction), direct file uploads, multipart forms, and the
 * generic reading used when a send-like request has a shape no adapter knows.
 */
import { collectTextFields, fieldSegment, utf8Length, type Attachment, type TextField } from '@outflow/sdk/internal/capture';
import type { Reading, RequestKind, Unscanned } from './types';
import type { WireBody, WireFile, WirePart, WireRequest } from './wire-types';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as text, when it is text (a string body, form-encoded text, a text frame). */
export function bodyText(body: WireBody): string | undefined {
  return body.kind === 'text' || body.kind === 'form' ? body.text : body.kind === 'binary' ? body.text : undefined;
}

/** The body parsed as a JSON object or array, or undefined. */
export function jsonBody(request: WireRequest): unknown {
  const text = bodyText(request.body);
  const first = text?.trimStart()[0];
  if (text === undefined || (first !== '{' && first !== '[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A text field for `container[key]` when it holds a non-empty string; `path` is its field path in events. */
export function stringField(container: unknown, key: string | number, path: string): TextField | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  const record = container as Record<string | number, unknown>;
  const value = record[key];
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return { field: path, text: value, replace: (text) => (record[key] = text) };
}

/** A reading of a JSON body: `serialise` writes the (possibly redacted) object back. */
export function jsonReading(
  kind: RequestKind,
  api: string,
  json: unknown,
  found: { fields: (TextField | undefined)[]; attachments?: Attachment[]; unscanned?: Unscanned[]; model?: unknown; stream?: boolean },
): Reading {
  return {
    kind,
    api,
    fields: found.fields.filter((field): field is TextField => field !== undefined),
    attachments: found.attachments ?? [],
    unscanned: found.unscanned ?? [],
    ...(typeof found.model === 'string' && found.model.length > 0 ? { model: found.model.slice(0, 200) } : {}),
    stream: found.stream ?? true,
    serialise: () => JSON.stringify(json),
  };
}

const OCTET = 'application/octet-stream';

function describeFile(file: WireFile): Attachment {
  return { mimeType: file.type || OCTET, bytes: file.bytes, ...(file.name === undefined ? {} : { name: file.name }) };
}

/** A file's name and text as fields (names can be sensitive too), or why its content was not scanned. */
function fileContent(file: WireFile, where: string): { fields: TextField[]; unscanned?: Unscanned } {
  const fields: TextField[] = file.name ? [{ field: `${where}.name`, text: file.name, replace: () => undefined }] : [];
  if (file.text !== undefined) return { fields: [...fields, { field: where, text: file.text, replace: () => undefined }] };
  const reason = file.unread ?? 'binary';
  return { fields, unscanned: { where, reason, bytes: file.bytes, ...(reason === 'binary' && file.type ? { mimeType: file.type } : {}) } };
}

/** A direct upload (`PUT` of a `File` or `Blob`): the file's name and content. Not rewritable. */
export function fileReading(api: string, file: WireFile, where = 'file'): Reading {
  const { fields, unscanned } = fileContent(file, where);
  return {
    kind: 'upload',
    api,
    fields,
    attachments: [describeFile(file)],
    unscanned: unscanned ? [unscanned] : [],
    stream: false,
    serialise: () => undefined,
  };
}

/** A multipart form: its string parts and files, each under its form name. Not rewritable. */
export function multipartReading(kind: RequestKind, api: string, parts: readonly WirePart[]): Reading {
  const fields: TextField[] = [];
  const attachments: Attachment[] = [];
  const unscanned: Unscanned[] = [];
  parts.forEach((part, i) => {
    const where = fieldSegment(part.name, i);
    if ('value' in part) {
      if (part.value.length > 0) fields.push({ field: where, text: part.value, replace: () => undefined });
      return;
    }
    attachments.push(describeFile(part.file));
    const content = fileContent(part.file, where);
    fields.push(...content.fields);
    if (content.unscanned) unscanned.push(content.unscanned);
  });
  return { kind, api, fields, attachments, unscanned, stream: false, serialise: () => undefined };
}

/** An upload in whatever body it came: a file, a multipart form, or anything else read generically. */
export function uploadReading(api: string, request: WireRequest): Reading {
  if (request.body.kind === 'file') return fileReading(api, request.body.file);
  if (request.body.kind === 'multipart') return multipartReading('upload', api, request.body.parts);
  return { ...genericReading(request, api), kind: 'upload' };
}

/**
 * Every string of a request whose shape no adapter knows (JSON: each string value with its path;
 * text: the whole body), so an unparsed send is still scanned — and recorded as incompletely read.
 */
export function genericReading(request: WireRequest, api: string): Reading {
  const body = request.body;
  const unknownShape: Unscanned = { where: 'body', reason: 'format', bytes: bodyBytes(body) };
  if (body.kind === 'multipart') return { ...multipartReading('send', api, body.parts), unscanned: [unknownShape] };
  if (body.kind === 'file') return { ...fileReading(api, body.file), kind: 'send' };
  const json = jsonBody(request);
  if (json !== undefined) {
    const { fields, attachments } = collectTextFields(json);
    return { kind: 'send', api, fields, attachments, unscanned: [unknownShape], stream: false, serialise: () => JSON.stringify(json) };
  }
  const text = bodyText(body);
  let current = text ?? '';
  const fields: TextField[] = text ? [{ field: 'body', text, replace: (next) => (current = next) }] : [];
  const unscanned: Unscanned[] = text === undefined && body.kind !== 'none' ? [{ where: 'body', reason: body.kind === 'unreadable' ? body.reason : 'binary', bytes: bodyBytes(body) }] : [unknownShape];
  return { kind: 'send', api, fields, attachments: [], unscanned, stream: false, serialise: () => (text === undefined ? undefined : current) };
}

/** Bytes of the body as it leaves. */
export function bodyBytes(body: WireBody): number {
  switch (body.kind) {
    case 'none':
      return 0;
    case 'text':
    case 'form':
      return utf8Length(body.text);
    case 'file':
      return body.file.bytes;
    case 'binary':
      return body.bytes;
    case 'unreadable':
      return body.bytes ?? 0;
    case 'multipart':
      return body.parts.reduce((sum, part) => sum + ('value' in part ? utf8Length(part.value) : part.file.bytes), 0);
  }
}

/** The request's path, for adapters that route by path. */
export function pathOf(url: URL): string {
  return url.pathname.replace(/\/+$/, '') || '/';
}
