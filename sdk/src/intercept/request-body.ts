/**
 * Reads the body of an outgoing request — whatever `fetch` accepts, and the async iterables Node's
 * fetch accepts too — without spending it: a `Request` is read through a clone; a body readable
 * only once (a stream, an async iterable) is drained, and the bytes read are what gets sent.
 * What it holds (JSON, text, a form, an upload, binary) is decided later (request-content.ts),
 * from the bytes rather than the label.
 */
import { unscannedPart, type UnscannedPart } from '../coverage';
import { utf8Length } from '../internal/utf8';

export type RequestBody =
  | { kind: 'none' }
  /** A string body. */
  | { kind: 'text'; text: string; bytes: number }
  /** A URLSearchParams body. */
  | { kind: 'form'; params: URLSearchParams; bytes: number }
  /** A FormData body. */
  | { kind: 'multipart'; form: FormData; bytes: number }
  /** Any other body, as the bytes that leave. */
  | { kind: 'raw'; data: Uint8Array; bytes: number };

export interface PreparedRequest {
  url: URL;
  method: string;
  headers: Headers;
  signal: AbortSignal | undefined;
  /** As the app set it, case kept: a multipart boundary is case-sensitive. */
  contentType: string;
  body: RequestBody;
  /** Set when reading the body used it up (a stream, an async iterable): this must be sent instead. */
  replay: BodyInit | undefined;
  /** What could not be read: a body stream that failed part-way. */
  unscanned: UnscannedPart[];
}

export async function prepareRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<PreparedRequest> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input), locationHref());
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers ?? request?.headers);
  const signal = init?.signal ?? request?.signal ?? undefined;
  const base = { url, method, headers, signal, contentType: headers.get('content-type') ?? '' };

  if (init?.body !== undefined && init.body !== null) return { ...base, ...(await readInitBody(init.body, base.contentType)) };
  if (request?.body) {
    const read = await readStream(request.clone().body!);
    // The clone's failure is the original's too: sending the Request fails the same way by itself.
    return { ...base, body: raw(read.data), replay: undefined, unscanned: read.unscanned };
  }
  return { ...base, body: { kind: 'none' }, replay: undefined, unscanned: [] };
}

type ReadBody = Pick<PreparedRequest, 'body' | 'replay' | 'unscanned'>;

async function readInitBody(body: BodyInit | AsyncIterable<unknown>, contentType: string): Promise<ReadBody & { contentType?: string }> {
  const read = (b: RequestBody): ReadBody => ({ body: b, replay: undefined, unscanned: [] });
  if (typeof body === 'string') return read({ kind: 'text', text: body, bytes: utf8Length(body) });
  if (body instanceof URLSearchParams) return read({ kind: 'form', params: body, bytes: utf8Length(body.toString()) });
  if (body instanceof FormData) return read({ kind: 'multipart', form: body, bytes: await multipartSize(body) });
  if (body instanceof Blob) {
    // fetch sends a Blob's own type when the app set none.
    return { ...read(raw(new Uint8Array(await body.arrayBuffer()))), ...(contentType === '' && body.type !== '' ? { contentType: body.type } : {}) };
  }
  if (body instanceof ArrayBuffer) return read(raw(new Uint8Array(body)));
  if (ArrayBuffer.isView(body)) return read(raw(new Uint8Array(body.buffer, body.byteOffset, body.byteLength)));
  if (body instanceof ReadableStream) return spent(await readStream(body));
  if (isAsyncIterable(body)) return spent(await readIterable(body));
  // Not a body fetch knows: it sends its string form, and so do we.
  return read({ kind: 'text', text: String(body), bytes: utf8Length(String(body)) });
}

/** A body readable once: what was read is sent; a read that failed fails the send the same way. */
function spent(read: { data: Uint8Array; unscanned: UnscannedPart[]; error?: unknown }): ReadBody {
  const replay = read.error === undefined ? read.data : failingStream(read.data, read.error);
  return { body: raw(read.data), replay: replay as BodyInit, unscanned: read.unscanned };
}

function raw(data: Uint8Array): RequestBody {
  return { kind: 'raw', data, bytes: data.byteLength };
}

interface Drained {
  data: Uint8Array;
  unscanned: UnscannedPart[];
  /** The error the body failed with part-way, when it did. */
  error?: unknown;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Drained> {
  const reader = stream.getReader();
  const chunks = new ChunkList();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.add(value);
    }
  } catch (error) {
    return chunks.failed(error);
  }
  return { data: chunks.join(), unscanned: [] };
}

async function readIterable(body: AsyncIterable<unknown>): Promise<Drained> {
  const chunks = new ChunkList();
  try {
    for await (const chunk of body) chunks.add(chunk);
  } catch (error) {
    return chunks.failed(error);
  }
  return { data: chunks.join(), unscanned: [] };
}

const encoder = new TextEncoder();

class ChunkList {
  private readonly chunks: Uint8Array[] = [];
  private total = 0;

  /** Bytes as they are; a string as UTF-8 (Node's streams yield either). */
  add(chunk: unknown): void {
    const bytes =
      typeof chunk === 'string'
        ? encoder.encode(chunk)
        : chunk instanceof ArrayBuffer
          ? new Uint8Array(chunk)
          : ArrayBuffer.isView(chunk)
            ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : encoder.encode(String(chunk));
    this.chunks.push(bytes);
    this.total += bytes.byteLength;
  }

  join(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  /** The body broke part-way: what came before is scanned, the rest is unknown. */
  failed(error: unknown): Drained {
    return { data: this.join(), unscanned: [unscannedPart('body', 'error', this.total)], error };
  }
}

/** A stream that gives `bytes` and then fails with `error`, as the app's own body did. */
function failingStream(bytes: Uint8Array, error: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.error(error);
    },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** The size the multipart body will have on the wire, measured the way fetch will encode it. */
async function multipartSize(form: FormData): Promise<number> {
  return (await new Response(form).arrayBuffer()).byteLength;
}

/** The page's address, against which a relative URL resolves (undefined outside a page). */
export function locationHref(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
