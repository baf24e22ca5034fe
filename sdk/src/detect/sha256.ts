/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), synchronous, for fingerprints. In-house
 * rather than a dependency: the SDK needs only this one keyed hash, and a small implementation
 * keeps the browser bundle and the package's runtime dependencies down. Checked against the
 * FIPS 180-4 and RFC 4231 vectors and against `node:crypto` in `test/unit/detect/sha256.test.ts`.
 */

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Uint32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
    .split(' '),
  (word) => parseInt(word, 16),
);

/** The initial hash value: fractional parts of the square roots of the first 8 primes. */
const INITIAL_STATE = Uint32Array.from(
  '6a09e667 bb67ae85 3c6ef372 a54ff53a 510e527f 9b05688c 1f83d9ab 5be0cd19'.split(' '),
  (word) => parseInt(word, 16),
);

const BLOCK_BYTES = 64;

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** Runs the compression function over every whole 64-byte block of `bytes`, in place on `state`. */
function compress(state: Uint32Array, bytes: Uint8Array): void {
  const w = new Uint32Array(64);
  for (let offset = 0; offset + BLOCK_BYTES <= bytes.length; offset += BLOCK_BYTES) {
    for (let t = 0; t < 16; t++) {
      const i = offset + t * 4;
      w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      w[t] = (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) + w[t - 7]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[t - 16]!;
    }
    let [a, b, c, d, e, f, g, h] = state as unknown as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0]! += a;
    state[1]! += b;
    state[2]! += c;
    state[3]! += d;
    state[4]! += e;
    state[5]! += f;
    state[6]! += g;
    state[7]! += h;
  }
}

/**
 * The digest of `message` hashed after `prefixBlocks` whole blocks that produced `state`: pads
 * with 0x80, zeros and the total length in bits, as FIPS 180-4 §5.1.1 says.
 */
function finish(state: Uint32Array, prefixBlocks: number, message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((message.length + 9) / BLOCK_BYTES) * BLOCK_BYTES);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = (prefixBlocks * BLOCK_BYTES + message.length) * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const working = state.slice();
  compress(working, padded);
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  working.forEach((word, i) => out.setUint32(i * 4, word));
  return digest;
}

export function sha256(message: Uint8Array): Uint8Array {
  return finish(INITIAL_STATE, 0, message);
}

/** The state after one block (a key pad) is hashed: HMAC's inner or outer prefix, reusable. */
function stateAfter(block: Uint8Array): Uint32Array {
  const state = INITIAL_STATE.slice();
  compress(state, block);
  return state;
}

/**
 * HMAC-SHA-256 bound to one key: the key's inner and outer pads are hashed once, and each
 * message then costs its own hash and one more block.
 */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(BLOCK_BYTES);
  block.set(key.length > BLOCK_BYTES ? sha256(key) : key);
  const inner = stateAfter(block.map((byte) => byte ^ 0x36));
  const outer = stateAfter(block.map((byte) => byte ^ 0x5c));
  return (message) => finish(outer, 1, finish(inner, 1, message));
}
