import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM_EXTENSION_ID, CHROMIUM_PUBLIC_KEY, chromiumExtensionId } from '../../../extension/identity';

test('the Chromium extension ID is the one the manifest key gives (SHA-256 of the key, hex digits as a–p)', () => {
  // Chromium's own answer for this key is checked by the distribution test, which loads the release build.
  assert.equal(chromiumExtensionId(CHROMIUM_PUBLIC_KEY), CHROMIUM_EXTENSION_ID);
});
