/**
 * The extension's identity in each browser, the same for every build and install path, so IT can
 * force-install it and configure it by ID (docs/deploy.md).
 *
 * Chromium derives an extension's ID from the public key in the manifest's `key`: the first 32
 * hex digits of SHA-256 over the key's DER form, written with the letters a–p. The private key
 * that matches is needed only to sign a packed `.crx` with this ID (docs/deploy.md, "Signing");
 * loading unpacked, or a store-signed package, needs only this public key.
 */
import { createHash } from 'node:crypto';

export const CHROMIUM_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4wuazmHp+RvZClMNdjRa115yStwYt76EY2SDQd7VvhVQtDjf8vVPjgcyxh0tSu/kVBov7g8oZtEWkqSXTHhHG4efWZdwLR6UXP7ay2bRnBck8uCGXmvkCa87ZwWQBvxi1nrFrObrup8NhoPxXdGjIcRLu6npClrcAJWhpp8xEgScK9KnVjdB6aOykzA2A27kd2MGaxdVMeMgpyN1p46uvcB2PKaWI6W3Zy6PtDRO7TF+wMKQtmvL9gHFQCVFgofHswBwTQljotel7Hx1a4/cKNPKFRdFQzb6/QfcVYcv8czQbLikbRK7IgLTRRKjWorXrL1r8zPL5/9z4SvGK6X4gwIDAQAB';

/** Derived from {@link CHROMIUM_PUBLIC_KEY} by {@link chromiumExtensionId} (test/unit/extension/identity.test.ts checks it). */
export const CHROMIUM_EXTENSION_ID = 'jebhgmcbgjfmbbakbcclkjadddbfnjhf';

/** Firefox's add-on ID (`browser_specific_settings.gecko.id`): an identifier in e-mail form, not an address. */
export const GECKO_ID = 'outflow@outflow.dev';

/** The ID Chromium gives an extension signed with `publicKey` (base64 DER, as in a manifest's `key`). */
export function chromiumExtensionId(publicKey: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
}
