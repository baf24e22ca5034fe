/**
 * Undoes a request's Content-Encoding so the body can be scanned: `gzip` and `deflate` with the
 * platform's DecompressionStream (browsers and Node ≥ 18), `br` where the runtime's
 * DecompressionStream knows it. The decoded size is bounded, so a zip bomb costs at most that
 * much work and memory and is reported as `size`. Browser-safe: no Node imports.
 */
import type { UnscannedReason } from '../schema';

/** Decoded bodies larger than this are not scanned (`size`): far beyond any real prompt, small enough to hold. */
export const MAX_DECODED_BYTES = 32 * 1024 * 1024;
/** More stacked encodings than this is not a real request. */
const MAX_LAYERS = 3;

export type Decoded = { ok: true; bytes: Uint8Array } | { ok: false; reason: Extract<UnscannedReason, 'encoding' | 'size'> };

/**
 * `header`: the Content-Encoding value; encodings are listed in the order they were applied,
 * so they are undone from the last.
 */
export async function decodeContent(bytes: Uint8Array, header: string, maxBytes = MAX_DECODED_BYTES): Promise<Decoded> {
  const layers = header
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
  if (layers.length > MAX_LAYERS) return { ok: false, reason: 'encoding' };
  let current = bytes;
  for (const layer of layers.reverse()) {
    const formats = FORMATS[layer];
    if (formats === undefined) return { ok: false, reason: 'encoding' };
    let decoded: Decoded = { ok: false, reason: 'encoding' };
    // `deflate` means zlib-wrapped deflate, but some clients send it raw: try both.
    for (const format of formats) {
      decoded = await decompress(current, format, maxBytes);
      if (decoded.ok || decoded.reason === 'size') break;
    }
    if (!decoded.ok) return decoded;
    current = decoded.bytes;
  }
  return { ok: true, bytes: current };
}

/** DecompressionStream formats for each Content-Encoding token (`brotli` is the name proposed for the standard). */
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  gzip: ['gzip'],
  'x-gzip': ['gzip'],
  deflate: ['deflate', 'deflate-raw'],
  br: ['brotli'],
};

async function decompress(bytes: Uint8Array, format: string, maxBytes: number): Promise<Decoded> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream(format as CompressionFormat);
  } catch {
    // The runtime does not have this format (Node and most browsers lack brotli here).
    return { ok: false, reason: 'encoding' };
  }
  const writer = stream.writable.getWriter();
  // Errors surface on the reader; the writer's own promises would otherwise go unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'size' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'encoding' };
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes: out };
}
