/**
 * A request body as plain data for the extension: text as text, forms by part, files with their
 * text when they are small text files, and for everything else only what it is and its size.
 * Never consumes a body the page will send: streams are described, not read.
 */
import { isTextFile, MAX_READ_CHARS, type UnreadReason, type WireBody, type WireFile, type WirePart } from '../sites/wire-types';
import { P } from './primordials';

/** Documents we cannot read as text (as opposed to images and other binary data). */
const DOCUMENT_TYPE = /^application\/(?:pdf|msword|vnd\.|rtf|zip)/;

function text(value: string, kind: 'text' | 'form'): WireBody {
  return value.length > MAX_READ_CHARS ? { kind: 'unreadable', reason: 'size', bytes: value.length } : { kind, text: value };
}

export async function describeFile(blob: Blob): Promise<WireFile> {
  const name = blob instanceof P.File ? (blob as File).name : undefined;
  const file: WireFile = { type: blob.type, bytes: blob.size, ...(name === undefined ? {} : { name }) };
  let unread: UnreadReason | undefined;
  if (!isTextFile(blob.type, name)) unread = DOCUMENT_TYPE.test(blob.type) ? 'format' : 'binary';
  else if (blob.size > MAX_READ_CHARS) unread = 'size';
  if (unread) return { ...file, unread };
  try {
    return { ...file, text: (await P.apply(P.blobText, blob, [])) as string };
  } catch {
    return { ...file, unread: 'error' };
  }
}

function decodeBytes(view: ArrayBufferView | ArrayBuffer): WireBody {
  const bytes = view.byteLength;
  if (bytes > MAX_READ_CHARS) return { kind: 'binary', bytes };
  try {
    return { kind: 'binary', bytes, text: new P.TextDecoder('utf-8', { fatal: true }).decode(view) };
  } catch {
    return { kind: 'binary', bytes };
  }
}

/** Describes what `fetch`, `XMLHttpRequest.send` or `WebSocket.send` was given as a body. */
export async function describeBody(body: unknown): Promise<WireBody> {
  if (body === null || body === undefined) return { kind: 'none' };
  if (typeof body === 'string') return text(body, 'text');
  if (body instanceof P.URLSearchParams) return text(String(body), 'form');
  if (body instanceof P.Blob) return { kind: 'file', file: await describeFile(body as Blob) };
  if (body instanceof P.ArrayBuffer || P.isView(body)) return decodeBytes(body as ArrayBuffer);
  if (body instanceof P.FormData) {
    const parts: WirePart[] = [];
    for (const [name, value] of P.apply(P.formEntries, body, []) as IterableIterator<[string, FormDataEntryValue]>) {
      parts.push(typeof value === 'string' ? { name, value: value.slice(0, MAX_READ_CHARS) } : { name, file: await describeFile(value) });
    }
    return { kind: 'multipart', parts };
  }
  if (body instanceof P.ReadableStream) return { kind: 'unreadable', reason: 'format' };
  // fetch sends any other object as its string form.
  return text(String(body), 'text');
}

/** The body of a `Request`, read from a clone so the page's own request keeps its body. */
export async function describeRequestBody(request: Request): Promise<WireBody> {
  if (request.body === null) return { kind: 'none' };
  try {
    const clone = P.apply(P.requestClone, request, []) as Request;
    const type = request.headers.get('content-type') ?? '';
    if (type.startsWith('multipart/form-data')) return describeBody(await clone.formData());
    const blob = await clone.blob();
    const file = await describeFile(new P.Blob([blob], { type: type || 'text/plain' }));
    if (file.text === undefined) return { kind: 'binary', bytes: file.bytes };
    return type.startsWith('application/x-www-form-urlencoded') ? { kind: 'form', text: file.text } : { kind: 'text', text: file.text };
  } catch {
    return { kind: 'unreadable', reason: 'error' };
  }
}
