/**
 * The organisation's view, in a real Chromium with the built extension and a real managed policy
 * file (`export.otlp` and `fingerprintKey`, as IT sets them):
 * - stored events reach an OTLP/HTTP receiver on loopback that decodes them; with the collector
 *   down and the service worker stopped (CDP `ServiceWorker.stopAllWorkers`) mid-queue, the
 *   export resumes by itself once the collector is back, and every event arrives exactly once;
 * - a JSON export downloaded from the dashboard passes `outflow verify` (the SDK's CLI), after
 *   retention evicted the oldest events; edited, cut and re-signed copies are refused by name;
 * - "where did this value go?" in the dashboard finds the events the SDK made under the org key.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { createOutflow } from '../../sdk/src/index';
import { fingerprintKeyId } from '../../sdk/src/detect/fingerprint';
import { checkpointDigest, GENESIS, generateSigningKey, linkHash, publicSigning, signCheckpoint, type ChainProof } from '../../sdk/src/chain/index';
import type { FlowEvent } from '../../sdk/src/schema';
import { CHROMIUM_EXTENSION_ID } from '../../extension/identity';
import { publicSummary, summarise } from '../../extension/src/store/aggregate';
import { buildExport } from '../../extension/src/store/export';
import { toStoredEvent } from '../../extension/src/store/ingest';
import { startFakeProvider, type FakeProvider } from '../fixtures/fake-provider/index';
import { startOtlpReceiver, type OtlpReceiver } from '../fixtures/otlp-receiver/index';
import { runCli, tempDir } from '../unit/cli/helpers';
import { ask, eventually, openExtensionPage } from './helpers/background';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { openBridgePage, serveBridgePages, writeAndFlush, type BridgePages } from './helpers/bridge-page-server';
import { emailFinding, flowEvent, flowEvents } from './helpers/flow-events';

const POLICY_DIR = '/etc/chromium/policies/managed';
const ORG_KEY = 'e2e-organisation-fingerprint-key-0123456789abcdef';
const API_KEY = 'collector-secret-for-the-test';
const EMAIL = 'jane.doe@acme-corp.com';
const files = tempDir();

let receiver: OtlpReceiver;
let receiverPort: number;
let fake: FakeProvider;
let pages: BridgePages;
let browser: ExtensionBrowser | undefined;
let policyFile: string | undefined;
let skipReason: string | undefined;

before(async () => {
  receiver = await startOtlpReceiver();
  receiverPort = Number(new URL(receiver.url).port);
  [fake, pages] = await Promise.all([startFakeProvider({ host: '127.0.0.1' }), serveBridgePages()]);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    // Chromium on Linux reads every JSON file here: a unique name, removed after the file's tests.
    policyFile = join(POLICY_DIR, `outflow-e2e-org-${process.pid}-${randomUUID()}.json`);
    const managed = { export: { otlp: { endpoint: receiver.url, headers: { 'x-api-key': API_KEY } } }, fingerprintKey: ORG_KEY };
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [CHROMIUM_EXTENSION_ID]: managed } } }));
  } catch (error) {
    policyFile = undefined;
    skipReason = `cannot write a Chromium policy file in ${POLICY_DIR} (${(error as Error).message}); run as root`;
    return;
  }
  browser = await launchWithExtension();
  assert.equal(browser.extensionId, CHROMIUM_EXTENSION_ID, 'the demo build has the stable ID the policy names');
});

after(async () => {
  await browser?.close();
  if (policyFile) rmSync(policyFile, { force: true });
  await Promise.all([receiver.close(), fake.close(), pages.close()]);
});

const flowRecords = () => receiver.records.filter((record) => record.eventName === 'outflow.flow');

test('OTLP export: collector down, worker stopped mid-queue, collector back → every event delivered once', async (t) => {
  if (!browser) return t.skip(skipReason);
  const options = await openExtensionPage(browser);
  // Nothing stored yet; the first batch of this test goes out while the collector is up.
  const page = await openBridgePage(browser, `${pages.allowed.origin}/index.html`);
  const first = flowEvents(5, { sessionId: 'otlp-first', findings: [emailFinding(2)] });
  await writeAndFlush(page, first);
  await eventually(async () => flowRecords().length, (n) => n >= 5, 30_000);
  // The collector's answer must reach the extension before the collector goes: a batch whose answer
  // is lost is sent again (at least once), which would count those 5 again below.
  await eventually(() => ask(options, { type: 'export.status' }), (s) => s.configured && s.pending === 0, 30_000);

  await receiver.close();
  const queued = flowEvents(40, { sessionId: 'otlp-queued', decision: 'redacted', findings: [emailFinding()] });
  await writeAndFlush(page, queued.slice(0, 20));
  await writeAndFlush(page, queued.slice(20));
  const failing = await eventually(() => ask(options, { type: 'export.status' }), (s) => s.configured && s.lastError !== undefined && s.pending === 40, 30_000);
  assert.ok(failing.configured);
  assert.match(failing.lastError!.reason, /could not be reached/);
  assert.deepEqual(failing.headerNames, ['x-api-key'], 'header names are shown, never their values');
  assert.ok(!JSON.stringify(failing).includes(API_KEY));

  await options.reload();
  const status = options.getByTestId('org-export-status');
  await status.waitFor();
  assert.match(await status.innerText(), /^Last export (just now|\d+ min ago), 40 pending$/);
  assert.match(await options.getByTestId('org-export-error').innerText(), /^Last attempt failed .*: the collector could not be reached.*Next try/);

  // Stop the service worker while the queue waits: only IndexedDB and the alarm remember it.
  const cdp = await browser.context.newCDPSession(options);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.scriptURL.startsWith(browser!.extensionUrl('')) && version.runningStatus === 'stopped')) resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await Promise.race([stopped, new Promise((_, reject) => setTimeout(() => reject(new Error('the service worker was not stopped')), 10_000))]);
  await cdp.detach();

  receiver = await startOtlpReceiver({ port: receiverPort });
  await eventually(async () => flowRecords().length, (n) => n >= 40, 90_000);
  const ids = flowRecords().map((record) => record.attributes['outflow.event.id']);
  assert.equal(ids.length, 40, 'no record twice');
  assert.deepEqual(new Set(ids), new Set(queued.map((event) => event.id)));
  const one = flowRecords()[0]!;
  assert.equal(one.attributes['outflow.origin'], pages.allowed.origin);
  assert.equal(one.attributes['outflow.decision'], 'redacted');
  assert.equal(one.resource['service.name'], 'outflow-extension');
  assert.match(String(one.resource['outflow.chain.key_id']), /^[0-9a-f]{16}$/);
  assert.equal(receiver.records.filter((record) => record.eventName === 'gen_ai.security.finding').length, 40);
  assert.ok(receiver.headers.every((headers) => headers['x-api-key'] === API_KEY));
  assert.deepEqual(receiver.rejected, []);

  const done = await eventually(() => ask(options, { type: 'export.status' }), (s) => s.configured && s.pending === 0);
  assert.ok(done.configured && done.lastError === undefined && done.delivered === 45);
  await options.reload();
  await eventually(() => options.getByTestId('org-export-status').innerText(), (text) => text === 'Last export just now, 0 pending');
  await page.close();
  await options.close();
});

/** Export documents (as the dashboard writes them) of events whose calls were made `daysAgo` days ago. */
async function oldEvents(daysAgo: number, count: number) {
  const at = Date.now() - daysAgo * 86_400_000;
  const events = flowEvents(count, { sessionId: `old-${daysAgo}`, timestamp: new Date(at).toISOString() }).map((event) =>
    toStoredEvent(event, { origin: 'https://support.acme.example', receivedAt: at + 1000 }),
  );
  return buildExport([...summarise(events).values()].map(publicSummary), events, { extensionVersion: 'e2e' });
}

interface ExportFile {
  digest: { algorithm: string; value: string };
  sessions: unknown[];
  events: (Record<string, unknown> & { id: string })[];
  chain: ChainProof;
  schemaVersion: number;
}

function writeExport(name: string, doc: ExportFile): string {
  // What someone editing the file by hand would do: recompute the plain digest too.
  const digest = createHash('sha256').update(JSON.stringify({ sessions: doc.sessions, events: doc.events })).digest('hex');
  return files.file(name, JSON.stringify({ ...doc, digest: { algorithm: 'SHA-256', value: digest } }));
}

/** The attacker's move: every link and checkpoint rebuilt under a key of their own, so the file is consistent. */
async function resigned(doc: ExportFile): Promise<ExportFile> {
  const keys = await generateSigningKey();
  let hash = doc.chain.base.hash;
  const byId = new Map(doc.events.map((event) => [event.id, event]));
  const links = [];
  for (const link of doc.chain.links) {
    hash = await linkHash(hash, byId.get(link.eventId) ?? { id: link.eventId });
    links.push({ ...link, hash });
  }
  const checkpoints = [];
  let prev = GENESIS;
  for (const point of [doc.chain.base, links[links.length - 1]!]) {
    const checkpoint = await signCheckpoint(keys.privateKey, { seq: point.seq, head: point.hash, at: new Date().toISOString(), prev });
    prev = await checkpointDigest(checkpoint);
    checkpoints.push(checkpoint);
  }
  return { ...doc, chain: { ...doc.chain, signing: await publicSigning(keys.publicKey), links, checkpoints } };
}

test('a real export, after retention evicted the oldest events, passes outflow verify; tampered copies are named', async (t) => {
  if (!browser) return t.skip(skipReason);
  const options = await openExtensionPage(browser);
  // A fresh start (the earlier test's events are deleted: their links stay, and fold into the base),
  // then 6 events from 40 days ago, then today's, through the bridge.
  await ask(options, { type: 'data.deleteAll' });
  await ask(options, { type: 'data.import', doc: await oldEvents(40, 6) });
  const page = await openBridgePage(browser, `${pages.allowed.origin}/index.html`);
  await writeAndFlush(page, flowEvents(4, { sessionId: 'verify-today', decision: 'blocked', findings: [emailFinding()] }));
  // Saving settings runs retention now (30 days by default, or as a managed policy sets it).
  await ask(options, { type: 'settings.set' });

  const dashboard = await browser.context.newPage();
  await dashboard.goto(browser.extensionUrl('src/ui/dashboard/index.html'));
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export JSON' }).click()]);
  const path = join(files.dir, 'genuine.json');
  await download.saveAs(path);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as ExportFile;
  assert.equal(doc.schemaVersion, 2);
  assert.equal((doc.chain.signing.publicKey as { d?: string }).d, undefined, 'the private key never leaves the browser');
  assert.ok(doc.chain.base.seq >= 0, 'retention evicted the chain start');
  assert.ok(!doc.events.some((event) => String(event.sessionId).startsWith('old-')), 'the old events were evicted');

  const genuine = await runCli(['verify', path]);
  assert.equal(genuine.code, 0, genuine.stdout + genuine.stderr);
  const keyId = doc.chain.signing.keyId;
  assert.match(genuine.stdout, new RegExp(`^verified: ${doc.events.length} events, chain links ${doc.chain.base.seq + 1}–\\d+, \\d+ signed checkpoints by key ${keyId}`));
  assert.doesNotMatch(genuine.stdout, /not yet signed/, 'an export signs the head first');

  // An edited event (decision and findings changed, digest recomputed): the first broken link.
  const target = doc.events.findIndex((event) => event.decision === 'blocked');
  const targetSeq = doc.chain.links.find((link) => link.eventId === doc.events[target]!.id)!.seq;
  const edited = { ...doc, events: doc.events.map((event, i) => (i === target ? { ...event, decision: 'allowed', findings: [] } : event)) };
  const editedRun = await runCli(['verify', writeExport('edited.json', edited)]);
  assert.equal(editedRun.code, 1);
  assert.match(editedRun.stdout, new RegExp(`NOT verified: first broken link at seq ${targetSeq} \\(event ${doc.events[target]!.id}\\)`));

  // A removed event with its link: a gap.
  const removedId = doc.events[target]!.id;
  const cut = { ...doc, events: doc.events.filter((event) => event.id !== removedId), chain: { ...doc.chain, links: doc.chain.links.filter((link) => link.eventId !== removedId) } };
  const cutRun = await runCli(['verify', writeExport('cut.json', cut)]);
  assert.equal(cutRun.code, 1);
  assert.match(cutRun.stdout, new RegExp(`gap in the chain: seq ${targetSeq - 1} is followed by seq ${targetSeq + 1}`));

  // The whole history rebuilt under another key: consistent on its own, refused against the key.
  const forged = await resigned(edited);
  const forgedPath = writeExport('forged.json', forged);
  assert.equal((await runCli(['verify', forgedPath])).code, 0, 'on its own a consistent forgery verifies: that is why the key is pinned');
  const forgedRun = await runCli(['verify', forgedPath, '--trusted-key', keyId]);
  assert.equal(forgedRun.code, 1);
  assert.match(forgedRun.stdout, new RegExp(`rewritten history: the checkpoints are signed by key ${forged.chain.signing.keyId}, not by the trusted key ${keyId}`));

  // An edit without recomputing the digest.
  const plain = JSON.parse(readFileSync(path, 'utf8')) as ExportFile;
  plain.events[0]!.decision = 'allowed';
  const plainRun = await runCli(['verify', files.file('plain-edit.json', JSON.stringify(plain))]);
  assert.equal(plainRun.code, 1);
  assert.match(plainRun.stdout, /modified after export/);

  // A later export extends this one: --previous accepts it.
  await writeAndFlush(page, flowEvents(2, { sessionId: 'verify-later' }));
  const [later] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export JSON' }).click()]);
  const laterPath = join(files.dir, 'later.json');
  await later.saveAs(laterPath);
  const extended = await runCli(['verify', laterPath, '--previous', path]);
  assert.equal(extended.code, 0, extended.stdout + extended.stderr);
  await Promise.all([page.close(), dashboard.close(), options.close()]);
});

/** Real events: the SDK's own scan and fingerprints, made by a service-side instance with `fingerprintKey`. */
async function sdkEvents(app: string, content: string, fingerprintKey?: string): Promise<FlowEvent[]> {
  const recorded: FlowEvent[] = [];
  const outflow = createOutflow({
    app,
    ...(fingerprintKey ? { fingerprintKey } : {}),
    providers: { '127.0.0.1': 'openai' },
    sinks: [{ name: 'capture', write: (events) => void recorded.push(...events) }],
  });
  await outflow
    .fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }] }) })
    .then((response) => response.text());
  await outflow.close();
  return recorded;
}

async function searchValue(dashboard: Page, value: string): Promise<void> {
  await dashboard.getByRole('textbox', { name: 'Value' }).fill(value);
  await dashboard.getByRole('button', { name: 'Search' }).click();
  await dashboard.getByTestId('where-result').or(dashboard.getByTestId('where-error')).waitFor();
}

test('"Where did this value go?" finds the events fingerprinted under the organisation key, and only those', async (t) => {
  if (!browser) return t.skip(skipReason);
  const underOrgKey = await sdkEvents('support-copilot', `please reply to ${EMAIL}`, ORG_KEY);
  const underOwnKey = await sdkEvents('other-app', `please reply to ${EMAIL}`);
  const unrelated = await sdkEvents('support-copilot', 'write to someone.else@acme-corp.com', ORG_KEY);
  assert.equal(underOrgKey[0]!.fingerprintKeyId, fingerprintKeyId(ORG_KEY));
  assert.equal(underOrgKey[0]!.findings[0]?.type, 'EMAIL');
  const page = await openBridgePage(browser, `${pages.allowed.origin}/index.html`);
  await writeAndFlush(page, [...underOrgKey, ...underOwnKey, ...unrelated, flowEvent({ sessionId: 'where-noise' })]);

  const dashboard = await browser.context.newPage();
  await dashboard.goto(browser.extensionUrl('src/ui/dashboard/index.html'));
  // The typed form differs from what was sent: the detector's normalisation makes them one value.
  await searchValue(dashboard, EMAIL.toUpperCase());
  const rows = dashboard.getByTestId('where-row');
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute('data-event-id'), underOrgKey[0]!.id);
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(1, 4), ['support-copilot', pages.allowed.origin, 'openai']);
  assert.match(cells[4]!, /Allowed\s+EMAIL/);
  assert.match(await dashboard.getByTestId('where-result').innerText(), new RegExp(`Read as EMAIL \\(key ${fingerprintKeyId(ORG_KEY)}\\)`));

  await searchValue(dashboard, 'nobody.at.all@acme-corp.com');
  assert.equal(await dashboard.getByTestId('where-count').innerText(), 'no stored event carried it');

  // The value went nowhere: not into storage, not into the OTLP export.
  const stored = JSON.stringify(await ask(dashboard, { type: 'data.export' }));
  assert.ok(!stored.includes(EMAIL) && !stored.includes(EMAIL.toUpperCase()));
  assert.ok(!JSON.stringify(receiver.records).includes(EMAIL));
  await Promise.all([page.close(), dashboard.close()]);
});
