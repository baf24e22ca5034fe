/**
 * Reads the body of an outgoing request — whatever kind `fetch` accepts — into a form Outflow can
 * scan, without spending it: a `Request` is read through a clone, and only a `ReadableStream`
 * body (readable once) is drained, after which its bytes are what gets sent.
 */

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'binary'; bytes: number; mimeType: string }
  | { kind: 'form'; params: URLSearchParams; bytes: number }
  | { kind: 'multipart'; form: FormData; bytes: number };

export interface PreparedRequest {
  url: URL;
  method: string;
  headers: Headers;
  signal: AbortSignal | undefined;
  body: RequestBody;
  /** Set when reading the body used it up (a stream): these bytes must be sent instead. */
  replayBytes: Uint8Array | undefined;
}

export async function prepareRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<PreparedRequest> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input), locationHref());
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers ?? request?.headers);
  const signal = init?.signal ?? request?.signal ?? undefined;
  const contentType = (headers.get('content-type') ?? '').toLowerCase();

  if (init?.body !== undefined && init.body !== null) {
    const { body, replayBytes } = await readInitBody(init.body, contentType);
    return { url, method, headers, signal, body, replayBytes };
  }
  if (request?.body) {
    const bytes = new Uint8Array(await request.clone().arrayBuffer());
    return { url, method, headers, signal, body: await fromBytes(bytes, contentType), replayBytes: undefined };
  }
  return { url, method, headers, signal, body: { kind: 'none' }, replayBytes: undefined };
}

async function readInitBody(body: BodyInit, contentType: string): Promise<{ body: RequestBody; replayBytes: Uint8Array | undefined }> {
  if (typeof body === 'string') {
    const parsed = contentType.includes('application/x-www-form-urlencoded')
      ? ({ kind: 'form', params: new URLSearchParams(body), bytes: utf8Length(body) } as const)
      : ({ kind: 'text', text: body, bytes: utf8Length(body) } as const);
    return { body: parsed, replayBytes: undefined };
  }
  if (body instanceof URLSearchParams) return { body: { kind: 'form', params: body, bytes: utf8Length(body.toString()) }, replayBytes: undefined };
  if (body instanceof FormData) return { body: { kind: 'multipart', form: body, bytes: await multipartSize(body) }, replayBytes: undefined };
  if (body instanceof Blob) {
    const bytes = new Uint8Array(await body.arrayBuffer());
    return { body: await fromBytes(bytes, contentType || body.type.toLowerCase()), replayBytes: undefined };
  }
  if (body instanceof ArrayBuffer) return { body: await fromBytes(new Uint8Array(body), contentType), replayBytes: undefined };
  if (ArrayBuffer.isView(body)) {
    return { body: await fromBytes(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType), replayBytes: undefined };
  }
  if (body instanceof ReadableStream) {
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    // The stream is spent now: whatever happens while parsing, these bytes are what gets sent.
    const parsed = await fromBytes(bytes, contentType).catch((): RequestBody => ({ kind: 'binary', bytes: bytes.byteLength, mimeType: contentType || 'application/octet-stream' }));
    return { body: parsed, replayBytes: bytes };
  }
  // An async iterable or another exotic body (Node accepts some): not ours to read; describe its absence of text.
  return { body: { kind: 'binary', bytes: 0, mimeType: contentType || 'application/octet-stream' }, replayBytes: undefined };
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

async function fromBytes(bytes: Uint8Array, contentType: string): Promise<RequestBody> {
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    return { kind: 'multipart', form, bytes: bytes.byteLength };
  }
  if (contentType && !isTextual(contentType)) return { kind: 'binary', bytes: bytes.byteLength, mimeType: contentType.split(';')[0]?.trim() ?? contentType };
  try {
    const text = fatalUtf8.decode(bytes);
    if (contentType.includes('application/x-www-form-urlencoded')) return { kind: 'form', params: new URLSearchParams(text), bytes: bytes.byteLength };
    return { kind: 'text', text, bytes: bytes.byteLength };
  } catch {
    return { kind: 'binary', bytes: bytes.byteLength, mimeType: contentType || 'application/octet-stream' };
  }
}

function isTextual(contentType: string): boolean {
  return contentType.startsWith('text/') || contentType.includes('json') || contentType.includes('xml') || contentType.includes('x-www-form-urlencoded');
}

/** The size the multipart body will have on the wire, measured the way fetch will encode it. */
async function multipartSize(form: FormData): Promise<number> {
  return (await new Response(form).arrayBuffer()).byteLength;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Node's native UTF-8 length (no copy); absent in browsers, where the scan below serves. */
const nativeByteLength = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer?.byteLength;

/** UTF-8 size of a string without encoding it. */
export function utf8Length(text: string): number {
  // Buffer.byteLength is a native count, several times faster than the regex scan on long prompts.
  if (nativeByteLength) return nativeByteLength(text, 'utf8');
  // Prompts are mostly ASCII: one native scan settles those.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The page's address, against which a relative URL resolves (undefined outside a page). */
export function locationHref(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
