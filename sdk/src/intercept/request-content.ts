/**
 * What a request body holds, judged from its bytes rather than its label: Content-Encoding
 * undone (bounded), multipart parsed with its boundary as sent, JSON and text recognised
 * whatever the Content-Type says, uploaded files read as text when they are text. Each step that
 * gives up says so in `unscanned`, returned with the content.
 */
import { binaryPart, mediaType, unscannedPart, type UnscannedPart } from '../coverage';
import { charsetOf, looksLikeJson, parseJsonObject, sniffText } from '../internal/sniff';
import { utf8Length } from '../internal/utf8';
import { collectTextFields, fieldSegment, MAX_SCANNED_FILE_BYTES, type Attachment, type Extracted, type TextField } from '../providers';
import { LIMITS } from '../schema';
import { decodeContent } from './content-encoding';
import type { PreparedRequest } from './request-body';

export type ContentKind = 'json' | 'text' | 'multipart' | 'form' | 'binary' | 'none';

export interface SerialisedBody {
  body: string | FormData;
  bytes: number;
  multipart: boolean;
}

export interface Content {
  kind: ContentKind;
  json: unknown;
  /** What could not be read before the fields were collected: an encoding, a format, binary bytes. */
  unscanned: UnscannedPart[];
  /** The text fields to scan, the binary parts to describe, what was not scanned; `configKeys` come from the recognised API. */
  collect(configKeys: ReadonlySet<string> | undefined): Extracted;
  /** The body after `TextField.replace` calls, ready to send (uncompressed: see `outgoing`). */
  serialise(): Promise<SerialisedBody>;
}

const unchanged = (): Promise<never> => Promise.reject(new Error('nothing to serialise'));
const encoder = new TextEncoder();
/** The first bytes of a large upload, read to tell text (listed as `size`) from binary (`binary`). */
const SNIFF_BYTES = 8192;

export async function readContent(request: PreparedRequest): Promise<Content> {
  const body = request.body;
  switch (body.kind) {
    case 'none':
      return fixed('none', [], []);
    case 'text':
      // A hand-made multipart body in a string is still an upload.
      if (mediaType(request.contentType) === 'multipart/form-data') return fromMultipartBytes(encoder.encode(body.text), request.contentType, body.bytes);
      return fromText(body.text, request.contentType, []);
    case 'form':
      return formContent([...body.params.entries()], []);
    case 'multipart':
      return readMultipart(body.form, []);
    case 'raw':
      return fromBytes(body.data, request);
  }
}

/** Bytes as sent: a Content-Encoding undone first (only bytes can carry one; a string goes out as UTF-8 whatever the label). */
async function fromBytes(sent: Uint8Array, request: PreparedRequest): Promise<Content> {
  const encoding = request.headers.get('content-encoding');
  let bytes = sent;
  if (encoding !== null) {
    const decoded = await decodeContent(sent, encoding);
    if (!decoded.ok) return fixed('binary', [], [unscannedPart('body', decoded.reason, sent.byteLength)]);
    bytes = decoded.bytes;
  }
  if (mediaType(request.contentType) === 'multipart/form-data') return fromMultipartBytes(bytes, request.contentType, sent.byteLength);
  return fromSniffed(bytes, request.contentType, []);
}

async function fromMultipartBytes(bytes: Uint8Array, contentType: string, sentBytes: number): Promise<Content> {
  let form: FormData;
  try {
    // The Content-Type as sent: its boundary is case-sensitive.
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // Not parseable as the label says: read as text if it is text, and say the structure was not understood.
    return fromSniffed(bytes, contentType, [unscannedPart('body', 'format', sentBytes)]);
  }
  return readMultipart(form, []);
}

function fromSniffed(bytes: Uint8Array, contentType: string, unscanned: UnscannedPart[]): Content {
  const sniffed = sniffText(bytes, charsetOf(contentType));
  if (sniffed.kind === 'unknown-charset') return fixed('binary', [], [...unscanned, unscannedPart('body', 'encoding', bytes.byteLength)]);
  if (sniffed.kind === 'binary') {
    const mimeType = mediaType(contentType) || 'application/octet-stream';
    return fixed('binary', [{ mimeType, bytes: bytes.byteLength }], [...unscanned, binaryPart('body', bytes.byteLength, bytes)]);
  }
  if (sniffed.invalid > 0) unscanned.push(unscannedPart('body', 'encoding', sniffed.invalid));
  return fromText(sniffed.text, contentType, unscanned);
}

/** JSON whatever the label; a form when labelled so; else text. */
function fromText(text: string, contentType: string, unscanned: UnscannedPart[]): Content {
  const json = parseJsonObject(text);
  if (json !== undefined) {
    return {
      kind: 'json',
      json,
      unscanned,
      collect: (configKeys) => collectTextFields(json, configKeys),
      serialise: async () => serialisedText(JSON.stringify(json)),
    };
  }
  // Looked like JSON but did not parse: scanned as text, and the structure listed as not understood.
  if (looksLikeJson(text)) unscanned.push(unscannedPart('body', 'format', utf8Length(text)));
  else if (mediaType(contentType) === 'application/x-www-form-urlencoded') return formContent([...new URLSearchParams(text).entries()], unscanned);
  let current = text;
  const field: TextField = { field: 'body', text, replace: (t) => (current = t) };
  return {
    kind: 'text',
    json: undefined,
    unscanned,
    collect: () => ({ fields: [field], attachments: [], unscanned: [] }),
    serialise: async () => serialisedText(current),
  };
}

/** Form parameters: values by name; a name that may be data is scanned too and recorded by position. */
function formContent(entries: [string, string][], unscanned: UnscannedPart[]): Content {
  const fields: TextField[] = [];
  entries.forEach(([name, value], i) => {
    const field = fieldSegment(name, i);
    if (field !== name) fields.push({ field: `${field}(key)`, text: name, replace: (t) => (entries[i] = [t, entries[i]![1]]) });
    fields.push({ field, text: value, replace: (t) => (entries[i] = [entries[i]![0], t]) });
  });
  return {
    kind: 'form',
    json: undefined,
    unscanned,
    collect: () => ({ fields, attachments: [], unscanned: [] }),
    serialise: async () => serialisedText(new URLSearchParams(entries).toString()),
  };
}

async function readMultipart(form: FormData, unscanned: UnscannedPart[]): Promise<Content> {
  const entries = [...form.entries()];
  const fields: TextField[] = [];
  const attachments: Attachment[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const [name, value] = entries[i] as [string, FormDataEntryValue];
    const occurrence = seen.get(name) ?? 0;
    seen.set(name, occurrence + 1);
    const segment = fieldSegment(name, i);
    const field = occurrence === 0 ? segment : `${segment}[${occurrence}]`;
    if (segment !== name) fields.push({ field: `${field}(key)`, text: name, replace: (t) => (entries[i] = [t, entries[i]![1]]) });
    if (typeof value === 'string') {
      fields.push({ field, text: value, replace: (t) => (entries[i] = [entries[i]![0], t]) });
      continue;
    }
    const mimeType = value.type || 'application/octet-stream';
    if (attachments.length < LIMITS.attachmentsPerRequest) attachments.push({ mimeType, bytes: value.size, name: value.name });
    // The file name leaves with the file, and people name files after people and customers.
    if (value.name !== '') fields.push(fileNameField(`${field}(filename)`, value.name, (name) => (entries[i] = [entries[i]![0], renamed(entries[i]![1] as File, name)])));
    const file = await readFile(value, field);
    unscanned.push(...file.unscanned);
    if (file.text !== undefined) {
      fields.push({ field, text: file.text, replace: (t) => (entries[i] = [entries[i]![0], new File([t], (entries[i]![1] as File).name, { type: value.type })]) });
    }
  }
  return {
    kind: 'multipart',
    json: undefined,
    unscanned,
    collect: () => ({ fields, attachments, unscanned: [] }),
    serialise: async () => {
      const rebuilt = new FormData();
      for (const [name, value] of entries) {
        if (typeof value === 'string') rebuilt.append(name, value);
        else rebuilt.append(name, value, value.name);
      }
      return { body: rebuilt, bytes: (await new Response(rebuilt).arrayBuffer()).byteLength, multipart: true };
    },
  };
}

/** An uploaded file's text, when it is text of a size worth scanning; otherwise why not. */
async function readFile(file: File, field: string): Promise<{ text?: string; unscanned: UnscannedPart[] }> {
  const charset = charsetOf(file.type);
  if (file.size > MAX_SCANNED_FILE_BYTES) {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    return { unscanned: [sniffText(head, charset).kind === 'binary' ? binaryPart(field, file.size, head) : unscannedPart(field, 'size', file.size)] };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniffText(bytes, charset);
  if (sniffed.kind === 'binary') return { unscanned: [binaryPart(field, file.size, bytes)] };
  if (sniffed.kind === 'unknown-charset') return { unscanned: [unscannedPart(field, 'encoding', file.size)] };
  return { text: sniffed.text, unscanned: sniffed.invalid > 0 ? [unscannedPart(field, 'encoding', sniffed.invalid)] : [] };
}

/**
 * A file name, scanned with a space before its extension: detectors look for a value's end, and
 * `jane@corp.com.pdf` has none where the address ends. Redaction takes the space out again.
 */
function fileNameField(field: string, name: string, rename: (name: string) => void): TextField {
  const dot = name.lastIndexOf('.');
  const text = dot > 0 ? `${name.slice(0, dot)} ${name.slice(dot)}` : name;
  return { field, text, replace: (t) => rename(dot > 0 ? t.replace(/ (\.[^ ]*)$/, '$1') : t) };
}

function renamed(file: File, name: string): File {
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

function fixed(kind: ContentKind, attachments: Attachment[], unscanned: UnscannedPart[]): Content {
  return { kind, json: undefined, unscanned, collect: () => ({ fields: [], attachments, unscanned: [] }), serialise: unchanged };
}

function serialisedText(body: string): SerialisedBody {
  return { body, bytes: utf8Length(body), multipart: false };
}
