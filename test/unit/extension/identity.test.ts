import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CHROMIUM_EXTENSION_ID, CHROMIUM_PUBLIC_KEY } from '../../../extension/identity';

test('the Chromium extension ID is the one the manifest key gives (SHA-256 of the key, hex digits as a–p)', () => {
  const digest = createHash('sha256').update(Buffer.from(CHROMIUM_PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32);
  const id = [...digest].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
  assert.equal(id, CHROMIUM_EXTENSION_ID);
});
