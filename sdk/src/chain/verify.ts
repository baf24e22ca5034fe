/**
 * Verifies an export's chain proof against the events it carries, and optionally against a key
 * or an earlier export the reviewer already trusts. Reports the first problem in a fixed order
 * (signatures, the checkpoint chain, the trusted reference, gaps, event content, checkpoints
 * against the links, the evicted base), so the same file always gets the same verdict.
 */
import { z } from 'zod';
import { checkpointDigest, checkpointSignatureValid, CHAIN_FORMAT, GENESIS, importPublicKey, linkHash, SIGNING_ALGORITHM, signingKeyId, type ChainProof } from './index';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ChainProofSchema = z.object({
  format: z.literal(CHAIN_FORMAT),
  signing: z.object({
    algorithm: z.literal(SIGNING_ALGORITHM),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    publicKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).loose(),
  }),
  base: z.object({ seq: z.number().int().min(-1), hash: hex64 }),
  links: z.array(z.object({ seq: z.number().int().nonnegative(), eventId: z.string().min(1).max(64), hash: hex64 })),
  checkpoints: z.array(z.object({ seq: z.number().int().nonnegative(), head: hex64, at: z.iso.datetime({ offset: true }), prev: hex64, signature: z.string().min(1).max(200) })),
});

export interface VerifyReference {
  /** A signing key id the reviewer trusts (from an earlier `outflow verify`). */
  trustedKeyId?: string;
  /** The proof of an earlier export from the same browser: this one must extend it. */
  previous?: ChainProof;
}

export interface VerifyReport {
  ok: boolean;
  /** The first problem, in words a reviewer can act on; absent when ok. */
  problem?: string;
  /** `signature`, `checkpoint-chain`, `rewritten`, `gap`, `broken-link`, `unlinked-event`, `checkpoint-mismatch`, `base`. */
  kind?: string;
  keyId: string;
  /** Links from `firstSeq` to `headSeq`. */
  firstSeq: number;
  headSeq: number;
  events: number;
  checkpoints: number;
  lastCheckpoint?: { seq: number; at: string };
  /** Links after the last checkpoint: verified for continuity, not yet signed. */
  unsigned: number;
}

type EventRecord = Record<string, unknown> & { id: string };

export async function verifyChain(proof: ChainProof, events: readonly EventRecord[], reference: VerifyReference = {}): Promise<VerifyReport> {
  const links = proof.links;
  const headSeq = links.length > 0 ? links[links.length - 1]!.seq : proof.base.seq;
  // Checkpoints are listed in signing order; an eviction signs an older seq after newer ones.
  const last = proof.checkpoints.reduce<(typeof proof.checkpoints)[number] | undefined>((latest, c) => (latest === undefined || c.seq > latest.seq ? c : latest), undefined);
  const report: VerifyReport = {
    ok: true,
    keyId: proof.signing.keyId,
    firstSeq: proof.base.seq + 1,
    headSeq,
    events: events.length,
    checkpoints: proof.checkpoints.length,
    ...(last ? { lastCheckpoint: { seq: last.seq, at: last.at } } : {}),
    unsigned: last ? Math.max(0, headSeq - last.seq) : links.length,
  };
  const fail = (kind: string, problem: string): VerifyReport => ({ ...report, ok: false, kind, problem });

  // 1. Every checkpoint is signed by the key the proof names (and that key is what it says).
  let publicKey: CryptoKey;
  try {
    publicKey = await importPublicKey(proof.signing.publicKey);
  } catch {
    return fail('signature', 'the public signing key in the file is not a valid P-256 key');
  }
  if ((await signingKeyId(publicKey)) !== proof.signing.keyId) return fail('signature', `the signing key id ${proof.signing.keyId} does not belong to the public key in the file`);
  for (const checkpoint of proof.checkpoints) {
    if (!(await checkpointSignatureValid(publicKey, checkpoint))) return fail('signature', `checkpoint at seq ${checkpoint.seq} (${checkpoint.at}): its signature is not valid under key ${proof.signing.keyId}`);
  }

  // 2. Checkpoints form a chain of their own: none was dropped or replaced.
  let previousDigest = GENESIS;
  for (const checkpoint of proof.checkpoints) {
    if (checkpoint.prev !== previousDigest) return fail('checkpoint-chain', `checkpoint at seq ${checkpoint.seq} does not follow the checkpoint before it: checkpoints were removed or replaced`);
    previousDigest = await checkpointDigest(checkpoint);
  }

  // 3. Against what the reviewer already trusts: the same key, and an extension of earlier history.
  const trusted = reference.trustedKeyId ?? reference.previous?.signing.keyId;
  if (trusted !== undefined && trusted !== proof.signing.keyId) {
    return fail('rewritten', `rewritten history: the checkpoints are signed by key ${proof.signing.keyId}, not by the trusted key ${trusted}`);
  }
  if (reference.previous) {
    const current = new Map(proof.checkpoints.map((c) => [c.seq, c]));
    for (const old of reference.previous.checkpoints) {
      const now = current.get(old.seq);
      if (!now || now.head !== old.head || now.signature !== old.signature) {
        return fail('rewritten', `rewritten history: the earlier export's checkpoint at seq ${old.seq} (${old.at}) is ${now ? 'different' : 'missing'} in this one`);
      }
    }
  }

  // 4. The links are contiguous from the base.
  for (let i = 0; i < links.length; i++) {
    const expected = proof.base.seq + 1 + i;
    if (links[i]!.seq !== expected) return fail('gap', `gap in the chain: seq ${expected - 1} is followed by seq ${links[i]!.seq}`);
  }

  // 5. Every event in the file is the event its link committed to.
  const bySeq = new Map<number, string>();
  const linkOf = new Map<string, number>();
  links.forEach((link, i) => {
    bySeq.set(link.seq, link.hash);
    linkOf.set(link.eventId, i);
  });
  const ordered = events.map((event) => ({ event, index: linkOf.get(event.id) }));
  const unlinked = ordered.find((e) => e.index === undefined);
  if (unlinked) return fail('unlinked-event', `event ${unlinked.event.id} is in the file but not in the chain`);
  ordered.sort((a, b) => a.index! - b.index!);
  for (const { event, index } of ordered) {
    const link = links[index!]!;
    const prev = index === 0 ? proof.base.hash : links[index! - 1]!.hash;
    if ((await linkHash(prev, event)) !== link.hash) return fail('broken-link', `first broken link at seq ${link.seq} (event ${event.id}): the event does not match what the chain recorded — it was edited`);
  }

  // 6. Each checkpoint within the listed range signs the hash the links have at its seq.
  bySeq.set(proof.base.seq, proof.base.hash);
  for (const checkpoint of proof.checkpoints) {
    const hash = bySeq.get(checkpoint.seq);
    if (checkpoint.seq > headSeq) return fail('checkpoint-mismatch', `checkpoint at seq ${checkpoint.seq} is past the chain's head (${headSeq}): links were removed from the end`);
    if (hash !== undefined && hash !== checkpoint.head) return fail('checkpoint-mismatch', `the chain at seq ${checkpoint.seq} does not match the checkpoint signed ${checkpoint.at}: history before it was rewritten`);
  }

  // 7. An evicted prefix is vouched for by a checkpoint at exactly the base.
  if (proof.base.seq >= 0 && !proof.checkpoints.some((c) => c.seq === proof.base.seq && c.head === proof.base.hash)) {
    return fail('base', `the chain starts after seq ${proof.base.seq} (older events evicted) but no checkpoint signs that point`);
  }
  if (proof.base.seq < 0 && proof.base.hash !== GENESIS) return fail('base', 'the chain starts at the beginning but its base is not the genesis hash');
  return report;
}
