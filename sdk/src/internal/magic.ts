/**
 * What binary content is, by its first bytes rather than its label: a policy that lets images
 * leave unscanned (`unscannableAllowedTypes: ['image/*']`) must not let a zip through because it
 * was labelled `image/png`. Covers the formats people send to AI APIs: images, audio, video,
 * PDFs, archives.
 */

/** Bytes enough for every signature below. */
export const MAGIC_BYTES = 16;

/** The MIME type `head` (the first bytes) starts like, or undefined when no known format does. */
export function binaryTypeOf(head: Uint8Array): string | undefined {
  const at = (offset: number, ...bytes: number[]): boolean => bytes.every((byte, i) => head[offset + i] === byte);
  const ascii = (offset: number, text: string): boolean => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'BM')) return 'image/bmp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (at(0, 0x00, 0x00, 0x01, 0x00)) return 'image/x-icon';
  if (ascii(4, 'ftyp')) return isoBrandType(String.fromCharCode(...head.subarray(8, 12)));
  if (ascii(0, '%PDF-')) return 'application/pdf';
  if (ascii(0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'fLaC')) return 'audio/flac';
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) return 'video/webm';
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  if (at(0, 0x1f, 0x8b)) return 'application/gzip';
  return undefined;
}

/** ISO base media files (`ftyp` box) name their kind in a brand. */
function isoBrandType(brand: string): string {
  if (brand === 'heic' || brand === 'heix' || brand === 'mif1' || brand === 'msf1') return 'image/heic';
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (brand.startsWith('M4A') || brand.startsWith('M4B')) return 'audio/mp4';
  if (brand.startsWith('qt')) return 'video/quicktime';
  return 'video/mp4';
}
