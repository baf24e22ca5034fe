/**
 * Records a reviewer can verify: a hash chain over the extension's stored events and signed
 * checkpoints of its head. The extension appends a link per stored event and periodically signs
 * a checkpoint with a non-extractable ECDSA P-256 key; an export carries the links, the
 * checkpoints and the public key; `outflow verify` (verify.ts) checks them.
 *
 * What it proves, and what it does not: docs/org.md, "Verifiable records".
 */
import { canonicalJson } from './canonical';
import { base64url, encode, fromBase64url, sha256Hex, toHex } from './crypto';

export const CHAIN_FORMAT = 'outflow-chain-v1';
export const SIGNING_ALGORITHM = 'ECDSA-P256-SHA256';
/** The `prev` of the first link, and of the first checkpoint. */
export const GENESIS = '0'.repeat(64);

/** One link: the event at `seq` (from 0) and the chain's hash after it. */
export interface ChainLink {
  seq: number;
  eventId: string;
  hash: string;
}

export interface Checkpoint {
  /** The link this checkpoint signs (the chain head when it was made). */
  seq: number;
  head: string;
  /** ISO time of signing. */
  at: string;
  /** Digest of the previous checkpoint's signed body, or GENESIS: checkpoints form a chain too. */
  prev: string;
  /** base64url raw (r‖s) ECDSA signature over `checkpointBody`. */
  signature: string;
}

/** What an export carries so the records can be verified without the extension. */
export interface ChainProof {
  format: typeof CHAIN_FORMAT;
  signing: { algorithm: typeof SIGNING_ALGORITHM; keyId: string; publicKey: JsonWebKey };
  /**
   * The link just before the first one listed: GENESIS at seq -1, or the last link retention
   * evicted (a checkpoint at exactly that seq signs its hash).
   */
  base: { seq: number; hash: string };
  /** Every link after `base`, in order, whether or not its event is in the export. */
  links: ChainLink[];
  checkpoints: Checkpoint[];
}

/** The record an event's link commits to: everything stored about it except its own link. */
export function linkedContent(record: Record<string, unknown>): unknown {
  const { chain: _chain, ...content } = record;
  return content;
}

/** hash(n) = SHA-256("outflow-chain-v1|" + hash(n-1) + "|" + canonical JSON of the record). */
export function linkHash(prev: string, record: Record<string, unknown>): Promise<string> {
  return sha256Hex(`${CHAIN_FORMAT}|${prev}|${canonicalJson(linkedContent(record))}`);
}

/** The bytes a checkpoint's signature covers. */
export function checkpointBody(checkpoint: Omit<Checkpoint, 'signature'>): string {
  return canonicalJson({ format: CHAIN_FORMAT, seq: checkpoint.seq, head: checkpoint.head, at: checkpoint.at, prev: checkpoint.prev });
}

export function checkpointDigest(checkpoint: Omit<Checkpoint, 'signature'>): Promise<string> {
  return sha256Hex(checkpointBody(checkpoint));
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A signing key pair whose private half can never be read out (store it as a CryptoKey in IndexedDB). */
export function generateSigningKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** A public key's id: the first 16 hex characters of SHA-256 over its raw (uncompressed) point. */
export async function signingKeyId(publicKey: CryptoKey): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', await crypto.subtle.exportKey('raw', publicKey))).slice(0, 16);
}

export async function publicSigning(publicKey: CryptoKey): Promise<ChainProof['signing']> {
  return { algorithm: SIGNING_ALGORITHM, keyId: await signingKeyId(publicKey), publicKey: await crypto.subtle.exportKey('jwk', publicKey) };
}

export async function signCheckpoint(privateKey: CryptoKey, unsigned: Omit<Checkpoint, 'signature'>): Promise<Checkpoint> {
  const signature = await crypto.subtle.sign(SIGN, privateKey, encode(checkpointBody(unsigned)));
  return { ...unsigned, signature: base64url(signature) };
}

export async function importPublicKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, ECDSA, true, ['verify']);
}

export async function checkpointSignatureValid(publicKey: CryptoKey, checkpoint: Checkpoint): Promise<boolean> {
  try {
    return await crypto.subtle.verify(SIGN, publicKey, fromBase64url(checkpoint.signature), encode(checkpointBody(checkpoint)));
  } catch {
    return false;
  }
}
