/**
 * The extension's organisation export with 100,000 queued events: a real Chromium with the built
 * extension and a managed policy (`export.otlp`) pointing at a collector on loopback that answers
 * 503 while 100,000 realistic events are stored (through `data.import`, which also chains them),
 * so they all queue. Then the collector comes up, `export.sendNow` drains the queue, and the bench
 * reports events/s and bytes/s delivered, and the extension process's memory (resident set size
 * of the renderer that runs the service worker and the extension's pages, sampled every 100 ms):
 * after the import (queue full, idle) and at its peak while draining.
 *
 *   npx tsx bench/run.ts org-export     (needs root for the policy file, like the e2e tests)
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgExportStatus } from '../extension/src/messages';
import { CHROMIUM_EXTENSION_ID } from '../extension/identity';
import { launchWithExtension, type ExtensionBrowser } from '../test/e2e/helpers/browser';
import { realisticSessions } from './realistic-events';
import { ensureBuilt, importDocuments, send } from './store.bench';

const QUEUED_EVENTS = 100_000;
const POLICY_DIR = '/etc/chromium/policies/managed';

/** A collector that only counts: decoding and keeping 100,000 records would measure the test harness. */
function countingCollector(): Promise<{ url: string; open(): void; stats: { requests: number; bytes: number; ids: Set<string>; refused: number }; close(): Promise<void> }> {
  const stats = { requests: 0, bytes: 0, ids: new Set<string>(), refused: 0 };
  let accepting = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!accepting) {
        stats.refused += 1;
        res.writeHead(503).end();
        return;
      }
      const body = Buffer.concat(chunks);
      stats.requests += 1;
      stats.bytes += body.length;
      // Every `outflow.event.id` attribute: the deduplication key a real pipeline uses.
      for (const match of body.toString('utf8').matchAll(/"key":"outflow\.event\.id","value":\{"stringValue":"([^"]+)"\}/g)) stats.ids.add(match[1]!);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        open: () => (accepting = true),
        stats,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

/** Resident set size (MiB) of the extension's renderer process of this browser (Linux /proc). */
function extensionProcessRssMiB(browser: ExtensionBrowser): number | undefined {
  const list = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const line = list.split('\n').find((row) => row.includes('--extension-process') && row.includes(browser.userDataDir));
  if (!line) return undefined;
  const status = readFileSync(`/proc/${line.trim().split(/\s+/)[0]}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Number.isFinite(kib) ? Math.round(kib / 1024) : undefined;
}

export default async function orgExportBench(): Promise<unknown> {
  ensureBuilt();
  const collector = await countingCollector();
  const policyFile = join(POLICY_DIR, `outflow-bench-${process.pid}-${randomUUID()}.json`);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [CHROMIUM_EXTENSION_ID]: { export: { otlp: { endpoint: collector.url } } } } } }));
  let browser: ExtensionBrowser | undefined;
  try {
    browser = await launchWithExtension();
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('src/ui/options/index.html'));

    const importStart = performance.now();
    for (const doc of await importDocuments(realisticSessions(QUEUED_EVENTS))) await send(page, { type: 'data.import', doc });
    const importMs = performance.now() - importStart;
    const queued = (await send(page, { type: 'export.status' })) as OrgExportStatus;
    if (!queued.configured) throw new Error('the managed export.otlp was not applied');

    const idleRssMiB = extensionProcessRssMiB(browser);
    let peakRssMiB = idleRssMiB ?? 0;
    const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, extensionProcessRssMiB(browser!) ?? 0)), 100);
    collector.open();
    const drainStart = performance.now();
    // `export.sendNow` answers once the queue is drained.
    const drained = (await send(page, { type: 'export.sendNow' })) as OrgExportStatus;
    const drainMs = performance.now() - drainStart;
    clearInterval(sampler);
    if (!drained.configured || drained.pending !== 0) throw new Error(`the queue did not drain: ${JSON.stringify(drained)}`);

    return {
      queuedEvents: queued.pending,
      refusedWhileDown: collector.stats.refused,
      importWithChainMs: Math.round(importMs),
      drainMs: Math.round(drainMs),
      eventsPerSecond: Math.round(collector.stats.ids.size / (drainMs / 1000)),
      megabytesPerSecond: Math.round((collector.stats.bytes / 1048576 / (drainMs / 1000)) * 10) / 10,
      requests: collector.stats.requests,
      deliveredUniqueEvents: collector.stats.ids.size,
      payloadMiB: Math.round((collector.stats.bytes / 1048576) * 10) / 10,
      extensionProcessRssMiB: { queuedIdle: idleRssMiB ?? null, peakWhileDraining: peakRssMiB || null },
    };
  } finally {
    await browser?.close();
    rmSync(policyFile, { force: true });
    await collector.close();
  }
}
