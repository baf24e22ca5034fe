/**
 * The extension's side of verifiable records (the format and the checks are the SDK's
 * `chain/`): every stored event gets a link committing to the one before, written in the same
 * transaction as the event; the chain head is signed periodically, before every export and when
 * retention moves the chain's start, with an ECDSA key generated non-extractable and kept as a
 * CryptoKey in IndexedDB. An export carries the proof; `outflow verify` checks it.
 *
 * Hashing and signing are WebCrypto promises, and an IndexedDB transaction ends when it waits on
 * anything else, so links and checkpoints are computed before their transaction opens. Every
 * change to the chain runs under one lock per database (`withChainLock`): the head read before
 * the computation is still the head when the transaction commits (`commitLinks` checks it).
 */
import {
  CHAIN_FORMAT,
  checkpointDigest,
  GENESIS,
  generateSigningKey,
  linkHash,
  publicSigning,
  signCheckpoint,
  type ChainLink,
  type ChainProof,
  type Checkpoint,
} from '@outflow/sdk/chain/index';
import type { OutflowDb } from './db';

/** Where the chain stands; kept in the `state` table under `chain`. */
export interface ChainState {
  /** The last link (-1 and GENESIS before the first event). */
  headSeq: number;
  headHash: string;
  /** The link before the first one kept (retention removed the ones up to it). */
  baseSeq: number;
  baseHash: string;
  /** Checkpoints signed so far, the digest of the last one, and the highest seq any of them signs. */
  checkpoints: number;
  lastCheckpointDigest: string;
  lastSignedSeq: number;
}

const CHAIN_STATE = 'chain';
const SIGNING_KEY = 'chain:signingKey';

const EMPTY: ChainState = { headSeq: -1, headHash: GENESIS, baseSeq: -1, baseHash: GENESIS, checkpoints: 0, lastCheckpointDigest: GENESIS, lastSignedSeq: -1 };

const locks = new WeakMap<OutflowDb, Promise<unknown>>();

/** Runs `task` after every chain change already queued on this database, and before the next. */
export function withChainLock<T>(db: OutflowDb, task: () => Promise<T>): Promise<T> {
  const run = (locks.get(db) ?? Promise.resolve()).then(task, task);
  locks.set(db, run.catch(() => undefined));
  return run;
}

export async function readChainState(db: OutflowDb): Promise<ChainState> {
  const stored = (await db.state.get(CHAIN_STATE))?.value as ChainState | undefined;
  return stored ?? EMPTY;
}

/** The links `records` (in storage order) add after `from`, and the state after them. */
export interface ChainExtension {
  from: ChainState;
  links: ChainLink[];
  next: ChainState;
}

export async function extendChain(from: ChainState, records: readonly (Record<string, unknown> & { id: string })[]): Promise<ChainExtension> {
  const links: ChainLink[] = [];
  let seq = from.headSeq;
  let hash = from.headHash;
  for (const record of records) {
    seq += 1;
    hash = await linkHash(hash, record);
    links.push({ seq, eventId: record.id, hash });
  }
  return { from, links, next: { ...from, headSeq: seq, headHash: hash } };
}

/** Writes an extension inside the caller's transaction (which must include `chainLinks` and `state`). */
export async function commitLinks(db: OutflowDb, extension: ChainExtension): Promise<void> {
  if (extension.links.length === 0) return;
  const current = await readChainState(db);
  // Only possible if a chain change ran outside `withChainLock`: refuse rather than fork the chain.
  if (current.headSeq !== extension.from.headSeq || current.headHash !== extension.from.headHash) throw new Error('the hash chain moved while links were computed');
  await db.chainLinks.bulkAdd(extension.links);
  await db.state.put({ name: CHAIN_STATE, value: extension.next });
}

/** The signing key pair, created on first use. Its private half cannot be exported by anyone. */
async function signingKeys(db: OutflowDb): Promise<CryptoKeyPair> {
  const stored = (await db.state.get(SIGNING_KEY))?.value as CryptoKeyPair | undefined;
  if (stored) return stored;
  const keys = await generateSigningKey();
  await db.state.put({ name: SIGNING_KEY, value: keys });
  return keys;
}

async function signAt(db: OutflowDb, state: ChainState, seq: number, head: string, now: Date): Promise<ChainState> {
  const checkpoint = await signCheckpoint((await signingKeys(db)).privateKey, { seq, head, at: now.toISOString(), prev: state.lastCheckpointDigest });
  const next: ChainState = { ...state, checkpoints: state.checkpoints + 1, lastCheckpointDigest: await checkpointDigest(checkpoint), lastSignedSeq: Math.max(state.lastSignedSeq, seq) };
  await db.transaction('rw', db.chainCheckpoints, db.state, async () => {
    await db.chainCheckpoints.add({ ...checkpoint, index: state.checkpoints });
    await db.state.put({ name: CHAIN_STATE, value: next });
  });
  return next;
}

/** The public half of the signing key (created on first use), e.g. to name this install. */
export function readSigningPublicKey(db: OutflowDb): Promise<CryptoKey> {
  return withChainLock(db, async () => (await signingKeys(db)).publicKey);
}

/** Signs the head when links were added since the last checkpoint. Call under `withChainLock`. */
export async function signHead(db: OutflowDb, now = new Date()): Promise<boolean> {
  const state = await readChainState(db);
  if (state.headSeq < 0 || state.headSeq <= state.lastSignedSeq) return false;
  await signAt(db, state, state.headSeq, state.headHash, now);
  return true;
}

const SCAN = 1000;

/**
 * After events were evicted: moves the chain's base past the leading links whose events are gone,
 * signs a checkpoint at exactly the new base (unless one already signs it) so the remaining chain
 * still starts from a signed point, and deletes the links before it. Links of events removed
 * further on stay: a verifier treats them like events a filtered export left out. Call under
 * `withChainLock`. Returns how many links were folded into the base.
 */
export async function advanceBase(db: OutflowDb, now = new Date()): Promise<number> {
  let state = await readChainState(db);
  let base = { seq: state.baseSeq, hash: state.baseHash };
  for (;;) {
    const links = await db.chainLinks.where('seq').above(base.seq).limit(SCAN).toArray();
    if (links.length === 0) break;
    const events = await db.events.bulkGet(links.map((link) => link.eventId));
    const firstKept = events.findIndex((event) => event !== undefined);
    const gone = firstKept === -1 ? links.length : firstKept;
    if (gone > 0) base = { seq: links[gone - 1]!.seq, hash: links[gone - 1]!.hash };
    if (firstKept !== -1) break;
  }
  const folded = base.seq - state.baseSeq;
  if (folded === 0) return 0;
  const signed = await db.chainCheckpoints.where('seq').equals(base.seq).filter((c) => c.head === base.hash).count();
  if (signed === 0) state = await signAt(db, state, base.seq, base.hash, now);
  const next: ChainState = { ...state, baseSeq: base.seq, baseHash: base.hash };
  await db.transaction('rw', db.chainLinks, db.state, async () => {
    await db.chainLinks.where('seq').belowOrEqual(base.seq).delete();
    await db.state.put({ name: CHAIN_STATE, value: next });
  });
  return folded;
}

/** Advances the base and signs the head: what maintenance does after retention. */
export function settleChain(db: OutflowDb, now = new Date()): Promise<void> {
  return withChainLock(db, async () => {
    await advanceBase(db, now);
    await signHead(db, now);
  });
}

/**
 * The proof an export carries: the head signed first, so a fresh export has nothing unsigned.
 * Read the exported events before calling this: their links are committed with them, so the
 * links read here include every one of them.
 */
export function chainProofForExport(db: OutflowDb, now = new Date()): Promise<ChainProof> {
  return withChainLock(db, async () => {
    await signHead(db, now);
    const state = await readChainState(db);
    const [keys, links, checkpoints] = await Promise.all([signingKeys(db), db.chainLinks.where('seq').above(state.baseSeq).toArray(), db.chainCheckpoints.orderBy('index').toArray()]);
    return {
      format: CHAIN_FORMAT,
      signing: await publicSigning(keys.publicKey),
      base: { seq: state.baseSeq, hash: state.baseHash },
      links,
      checkpoints: checkpoints.map(({ index: _index, ...checkpoint }): Checkpoint => checkpoint),
    };
  });
}
