import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryTypeOf } from '../../../sdk/src/internal/magic';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

test('binary content is named by its signature, not its label', () => {
  const cases: [Uint8Array, string | undefined][] = [
    [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [bytes('GIF89a'), 'image/gif'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    [bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    [bytes([0, 0, 0, 0x18], 'ftypheic'), 'image/heic'],
    [bytes([0, 0, 0, 0x18], 'ftypM4A '), 'audio/mp4'],
    [bytes([0, 0, 0, 0x18], 'ftypisom'), 'video/mp4'],
    [bytes('%PDF-1.7'), 'application/pdf'],
    [bytes('ID3', [4, 0]), 'audio/mpeg'],
    [bytes('OggS'), 'audio/ogg'],
    [bytes('PK', [3, 4]), 'application/zip'],
    [bytes([0x1f, 0x8b, 8]), 'application/gzip'],
    [bytes([0, 1, 2, 3]), undefined],
    [bytes(), undefined],
  ];
  for (const [head, type] of cases) assert.equal(binaryTypeOf(head), type, String([...head]));
});
