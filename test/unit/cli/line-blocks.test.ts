import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BlockPositions, readLineBlocks, type LineBlockOptions, type TextBlock } from '../../../sdk/src/cli/line-blocks';
import { SYNTHETIC, seededRandom } from './helpers';

async function blocksOf(input: string, options: LineBlockOptions, pieceBytes = 7): Promise<TextBlock[]> {
  // Feed the bytes in small pieces so multi-byte characters get split across reads.
  const bytes = Buffer.from(input, 'utf8');
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += pieceBytes) yield bytes.subarray(i, i + pieceBytes);
  }
  const blocks: TextBlock[] = [];
  for await (const block of readLineBlocks(pieces(), options)) blocks.push(block);
  return blocks;
}

/** Line and column of `index` in `text`, the slow obvious way. */
function naivePosition(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) as string).length + 1 };
}

function randomText(seed: number, chars: number): string {
  const random = seededRandom(seed);
  // Code points, not UTF-16 units, so the emoji's surrogate pair stays whole.
  const alphabet = Array.from('abcdef ghij\nklm\u00e9\u20ac😀xyz');
  let out = '';
  while (out.length < chars) out += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return out;
}

describe('readLineBlocks', () => {
  test('the new text of the blocks, in order, is exactly the input, with offsets and bytes adding up', async () => {
    const input = randomText(1, 5000);
    const blocks = await blocksOf(input, { blockChars: 200, overlapChars: 40 });
    assert.ok(blocks.length > 10);
    assert.equal(blocks.map((b) => b.text.slice(b.overlap)).join(''), input);
    for (const block of blocks) assert.equal(block.text, input.slice(block.offset, block.offset + block.text.length));
    assert.equal(
      blocks.reduce((n, b) => n + b.bytes, 0),
      Buffer.byteLength(input),
    );
    assert.equal(
      blocks.reduce((n, b) => n + b.newlines, 0),
      input.split('\n').length - 1,
    );
  });

  test('blocks end at line boundaries and repeat the end of the previous block as context', async () => {
    const input = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(i % 17)}`).join('\n');
    const blocks = await blocksOf(input, { blockChars: 256, overlapChars: 64 });
    for (const block of blocks.slice(0, -1)) assert.ok(block.text.endsWith('\n'));
    for (const block of blocks.slice(1)) {
      assert.ok(block.overlap > 0 && block.overlap <= 64);
      assert.equal(block.column, 1);
    }
  });

  test('BlockPositions gives the same line and column as counting from the start of the input', async () => {
    const input = randomText(2, 6000);
    const blocks = await blocksOf(input, { blockChars: 300, overlapChars: 50 });
    for (const block of blocks) {
      const positions = new BlockPositions(block);
      for (let i = 0; i < block.text.length; i += 13) {
        assert.deepEqual(positions.at(i), naivePosition(input, block.offset + i), `offset ${block.offset + i}`);
      }
    }
  });

  test('a line longer than the maximum block is cut, and positions stay right after the cut', async () => {
    const input = `first\n${'y'.repeat(2000)}\nlast line`;
    const blocks = await blocksOf(input, { blockChars: 100, maxBlockChars: 400, overlapChars: 20 });
    assert.equal(blocks.map((b) => b.text.slice(b.overlap)).join(''), input);
    for (const block of blocks) {
      assert.ok(block.text.length - block.overlap <= 400 + 100);
      const positions = new BlockPositions(block);
      const end = block.text.length - 1;
      assert.deepEqual(positions.at(end), naivePosition(input, block.offset + end));
    }
  });

  test('a PEM block is never split between two blocks', async () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler line number ${i}`).join('\n');
    const input = `${filler(40)}\n${SYNTHETIC.privateKey}\n${filler(40)}\n${SYNTHETIC.privateKey}\n${filler(5)}`;
    // Blocks much smaller than the key (about 1,700 characters): without the carry-over every key would be cut.
    const blocks = await blocksOf(input, { blockChars: 300, maxBlockChars: 4000, overlapChars: 30 }, 101);
    const whole = blocks.filter((b) => b.text.slice(b.overlap).includes(SYNTHETIC.privateKey));
    assert.equal(whole.length, 2);
    for (const block of blocks) {
      const fresh = block.text.slice(block.overlap);
      assert.equal(fresh.split('-----BEGIN').length, fresh.split('-----END').length, 'every BEGIN has its END in the same block');
    }
  });

  test('an unterminated BEGIN line does not hold the whole rest of the input', async () => {
    const input = `-----BEGIN RSA PRIVATE KEY-----\n${'zzzz zzzz\n'.repeat(500)}`;
    const blocks = await blocksOf(input, { blockChars: 200, maxBlockChars: 800 });
    assert.ok(blocks.length >= 5);
    for (const block of blocks) assert.ok(block.text.length - block.overlap <= 800 + 200);
  });
});
