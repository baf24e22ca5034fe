/**
 * `outflow verify` on exports whose chain is built with the same module the extension uses:
 * intact files verify; an edited event, a removed event, a dropped checkpoint and a history
 * re-signed with another key are each named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../sdk/src/chain/canonical';
import { checkpointDigest, GENESIS, generateSigningKey, linkHash, publicSigning, signCheckpoint, type ChainLink, type ChainProof, type Checkpoint } from '../../../sdk/src/chain/index';
import { flowEvent, emailFinding } from '../../e2e/helpers/flow-events';
import { runCli, tempDir } from '../cli/helpers';

type Record_ = Record<string, unknown> & { id: string };
const files = tempDir();

/**
 * What the extension does: a link per stored event, a checkpoint every `every` links, and on
 * eviction of the first `evicted` events a checkpoint at the new base (signed last, so the
 * checkpoint list is in signing order, not seq order).
 */
async function chainedExport(options: { events?: Record_[]; every?: number; evicted?: number; keys?: CryptoKeyPair } = {}) {
  const keys = options.keys ?? (await generateSigningKey());
  const records: Record_[] =
    options.events ??
    Array.from({ length: 10 }, (_, i) => ({ ...flowEvent({ seq: i, findings: i % 3 === 0 ? [emailFinding()] : [] }), origin: 'https://support.acme.example', receivedAt: 1_700_000_000_000 + i }));
  const links: ChainLink[] = [];
  const checkpoints: Checkpoint[] = [];
  let prev = GENESIS;
  let prevCheckpoint = GENESIS;
  const sign = async (seq: number, head: string) => {
    const checkpoint = await signCheckpoint(keys.privateKey, { seq, head, at: new Date(1_700_000_000_000 + seq * 1000).toISOString(), prev: prevCheckpoint });
    prevCheckpoint = await checkpointDigest(checkpoint);
    checkpoints.push(checkpoint);
  };
  for (const [seq, record] of records.entries()) {
    prev = await linkHash(prev, record);
    links.push({ seq, eventId: record.id, hash: prev });
    if ((seq + 1) % (options.every ?? 4) === 0) await sign(seq, prev);
  }
  const evicted = options.evicted ?? 0;
  if (evicted > 0 && !checkpoints.some((c) => c.seq === evicted - 1)) await sign(evicted - 1, links[evicted - 1]!.hash);
  const chain: ChainProof = {
    format: 'outflow-chain-v1',
    signing: await publicSigning(keys.publicKey),
    base: evicted > 0 ? { seq: evicted - 1, hash: links[evicted - 1]!.hash } : { seq: -1, hash: GENESIS },
    links: links.slice(evicted),
    checkpoints,
  };
  return { keys, records: records.slice(evicted), chain };
}

function write(name: string, records: Record_[], chain: unknown): string {
  const sessions: unknown[] = [];
  const digest = createHash('sha256').update(JSON.stringify({ sessions, events: records })).digest('hex');
  return files.file(name, JSON.stringify({ format: 'outflow-export', schemaVersion: 2, exportedAt: new Date().toISOString(), extensionVersion: '0.1.0', digest: { algorithm: 'SHA-256', value: digest }, sessions, events: records, chain }));
}

const verify = (...args: string[]) => runCli(['verify', ...args]);

test('an intact export verifies, and the key id it prints is the one to trust next time', async () => {
  const { records, chain } = await chainedExport();
  const result = await verify(write('intact.json', records, chain));
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`^verified: 10 events, chain links 0–9, 2 signed checkpoints by key ${chain.signing.keyId}`));
  assert.match(result.stdout, /2 newer links not yet signed/);
  const json = await verify(write('intact2.json', records, chain), '--format', 'json', '--trusted-key', chain.signing.keyId);
  assert.equal(JSON.parse(json.stdout).ok, true);
});

test('hashes do not depend on key order (a record re-serialised with other key order still verifies)', async () => {
  const { records, chain } = await chainedExport();
  const reordered = records.map((r) => Object.fromEntries(Object.entries(r).reverse()) as Record_);
  assert.equal(canonicalJson(reordered[0]), canonicalJson(records[0]));
  assert.equal((await verify(write('reordered.json', reordered, chain))).code, 0);
});

test('an edited event is named as the first broken link, even when the file digest was recomputed', async () => {
  const { records, chain } = await chainedExport();
  const edited = records.map((r, i) => (i === 6 ? { ...r, decision: 'allowed', findings: [] } : i === 8 ? { ...r, decision: 'allowed' } : r));
  const result = await verify(write('edited.json', edited, chain));
  assert.equal(result.code, 1);
  assert.match(result.stdout, new RegExp(`NOT verified: first broken link at seq 6 \\(event ${records[6]!.id}\\)`));
});

test('an edit without recomputing the digest is caught by the digest', async () => {
  const { records, chain } = await chainedExport();
  const path = write('digest.json', records, chain);
  const doc = JSON.parse((await import('node:fs')).readFileSync(path, 'utf8'));
  doc.events[2].decision = 'blocked';
  const result = await verify(files.file('digest-edited.json', JSON.stringify(doc)));
  assert.equal(result.code, 1);
  assert.match(result.stdout, /modified after export/);
});

test('a removed event (and its link) is a gap', async () => {
  const { records, chain } = await chainedExport();
  const result = await verify(write('gap.json', records.filter((_, i) => i !== 3), { ...chain, links: chain.links.filter((l) => l.seq !== 3) }));
  assert.equal(result.code, 1);
  assert.match(result.stdout, /gap in the chain: seq 2 is followed by seq 4/);
});

test('a filtered export (some events left out, all links kept) still verifies', async () => {
  const { records, chain } = await chainedExport();
  assert.equal((await verify(write('filtered.json', records.filter((_, i) => i % 2 === 0), chain))).code, 0);
});

test('a dropped checkpoint breaks the checkpoint chain; links cut from the end are caught', async () => {
  const { records, chain } = await chainedExport({ every: 2 });
  const dropped = await verify(write('dropped.json', records, { ...chain, checkpoints: chain.checkpoints.filter((_, i) => i !== 1) }));
  assert.equal(dropped.code, 1);
  assert.match(dropped.stdout, /does not follow the checkpoint before it/);
  const cut = await verify(write('cut.json', records.slice(0, 7), { ...chain, links: chain.links.slice(0, 7) }));
  assert.equal(cut.code, 1);
  assert.match(cut.stdout, /past the chain's head/);
});

test('a history re-signed with another key is a rewritten history against a trusted key or an earlier export', async () => {
  const original = await chainedExport();
  const earlier = write('earlier.json', original.records.slice(0, 8), { ...original.chain, links: original.chain.links.slice(0, 8), checkpoints: original.chain.checkpoints.slice(0, 2) });
  // An attacker edits event 1 and rebuilds every link and checkpoint under a key of their own.
  const forged = await chainedExport({ events: original.records.map((r, i) => (i === 1 ? { ...r, findings: [] } : r)) });
  const path = write('forged.json', forged.records, forged.chain);
  assert.equal((await verify(path)).code, 0, 'on its own, a consistent forgery verifies: that is why a reviewer pins the key');
  const pinned = await verify(path, '--trusted-key', original.chain.signing.keyId);
  assert.equal(pinned.code, 1);
  assert.match(pinned.stdout, new RegExp(`rewritten history: the checkpoints are signed by key ${forged.chain.signing.keyId}, not by the trusted key ${original.chain.signing.keyId}`));
  const previous = await verify(path, '--previous', earlier);
  assert.equal(previous.code, 1);
  assert.match(previous.stdout, /rewritten history/);
  // The genuine later export extends the earlier one.
  assert.equal((await verify(write('later.json', original.records, original.chain), '--previous', earlier)).code, 0);
});

test('evicted events: a checkpoint at the base vouches for them; without it the base is refused', async () => {
  const { records, chain } = await chainedExport({ evicted: 3, every: 4 });
  const ok = await verify(write('evicted.json', records, chain));
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /chain links 3–9/);
  // The eviction checkpoint was the last one signed, so removing it leaves the checkpoint chain whole.
  const unsigned = await verify(write('evicted-unsigned.json', records, { ...chain, checkpoints: chain.checkpoints.filter((c) => c.seq !== 2) }));
  assert.equal(unsigned.code, 1);
  assert.match(unsigned.stdout, /starts after seq 2 \(older events evicted\) but no checkpoint signs that point/);
});

test('an export without a chain, or with a malformed one, cannot be verified (exit 2)', async () => {
  const { records, chain } = await chainedExport();
  const none = await verify(write('nochain.json', records, undefined));
  assert.equal(none.code, 2);
  assert.match(none.stderr, /carries no hash chain/);
  const malformed = await verify(write('malformed.json', records, { ...chain, base: { seq: 'x' } }));
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /chain is malformed: base\.seq/);
  const notExport = await verify(files.file('other.json', '{"hello":1}'));
  assert.equal(notExport.code, 2);
});
