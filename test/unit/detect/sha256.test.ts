import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { hmacSha256, sha256 } from '../../../sdk/src/detect/sha256';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

test('SHA-256 gives the FIPS 180-4 example digests (one block, two blocks, a million a)', () => {
  assert.equal(hex(sha256(ascii('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(hex(sha256(ascii(''))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(
    hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(hex(sha256(new Uint8Array(1_000_000).fill(0x61))), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
});

test('HMAC-SHA-256 gives the RFC 4231 test-case digests (short key, key longer than a block)', () => {
  const cases: [key: Uint8Array, data: Uint8Array, mac: string][] = [
    [fromHex('0b'.repeat(20)), ascii('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [ascii('Jefe'), ascii('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [fromHex('aa'.repeat(20)), fromHex('dd'.repeat(50)), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      fromHex('aa'.repeat(131)),
      ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
  ];
  for (const [key, data, mac] of cases) assert.equal(hex(hmacSha256(key)(data)), mac);
});

test('SHA-256 and HMAC-SHA-256 agree with node:crypto on random keys and messages of every length around the block edges', () => {
  for (let length = 0; length < 300; length++) {
    const message = randomBytes(length);
    const key = randomBytes(length % 100);
    assert.equal(hex(sha256(message)), createHash('sha256').update(message).digest('hex'), `length ${length}`);
    const keyed = hmacSha256(key);
    assert.equal(hex(keyed(message)), createHmac('sha256', key).update(message).digest('hex'), `length ${length}`);
    assert.equal(hex(keyed(message)), hex(keyed(message)), 'a bound key is reusable');
  }
});
