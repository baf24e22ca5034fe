/**
 * Store scale: 100 000 realistic events in the extension's store (through `data.import`, the
 * same validated path a reviewer's import takes, in chunks of 10 000), plus one live session
 * from the demo app through the SDK and bridge. Then, in Chromium, the medians of:
 * the dashboard's session list (first page, filtered, deep page), a session's detail, charts,
 * facets, and the popup's first render (navigation start → its `outflow:popup-rendered` mark).
 * Targets: session list < 100 ms, popup rendered < 150 ms.
 *
 *   npx tsx bench/run.ts store        (builds the extension and the demo first if missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import type { StoredEvent, UiMessage } from '../extension/src/messages';
import { publicSummary, summarise } from '../extension/src/store/aggregate';
import { realisticSessions } from './realistic-events';
import { buildExport, type ExportDocument } from '../extension/src/store/export';
import { openDemoApp, runScriptedSession, tabIdOf, waitForTabCalls } from '../examples/internal-app/drive';
import { DEMO_DIST, serveDemoApp } from '../examples/internal-app/serve';
import { EXTENSION_DIST, launchWithExtension } from '../test/e2e/helpers/browser';
import { startFakeProvider } from '../test/fixtures/fake-provider/index';

const ROOT = resolve(import.meta.dirname, '..');
const TOTAL_EVENTS = 100_000;
const CHUNK = 10_000;
const RUNS = 7;
const POPUP_RENDERED_MARK = 'outflow:popup-rendered';

/**
 * Export documents of about `CHUNK` events each, whole sessions only: an import checks that each
 * session's aggregates add up from the events in the same file.
 */
export async function importDocuments(sessions: readonly StoredEvent[][]): Promise<ExportDocument[]> {
  const documents: ExportDocument[] = [];
  let chunk: StoredEvent[] = [];
  const flush = async () => {
    const summaries = [...summarise(chunk).values()].map(publicSummary);
    documents.push(await buildExport(summaries, chunk, { extensionVersion: 'bench' }));
    chunk = [];
  };
  for (const events of sessions) {
    chunk.push(...events);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  return documents;
}

// ---------------------------------------------------------------------------------------------
// Measuring

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round((sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}

/** Sends one UI message from an extension page; throws the background's error text. */
export async function send(page: Page, message: UiMessage): Promise<unknown> {
  const reply = await page.evaluate(async (m) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } } };
    return chrome.runtime.sendMessage(m);
  }, message);
  if (!reply.ok) throw new Error(`${message.type}: ${reply.error}`);
  return reply.data;
}

/** Median round-trip of a message, timed inside the extension page (what the UI waits for). */
async function timeMessage(page: Page, message: UiMessage): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    times.push(
      await page.evaluate(async (m) => {
        const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } };
        const start = performance.now();
        const reply = await chrome.runtime.sendMessage(m);
        if (!reply.ok) throw new Error(reply.error);
        return performance.now() - start;
      }, message),
    );
  }
  return median(times);
}

export function ensureBuilt(): void {
  const builds: [string, string, string[]][] = [
    [join(EXTENSION_DIST, 'manifest.json'), 'npm', ['run', 'build', '--workspace', 'extension']],
    [join(DEMO_DIST, 'index.html'), 'npm', ['run', 'build:demo']],
  ];
  for (const [artifact, command, args] of builds) {
    if (existsSync(artifact)) continue;
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed.`);
  }
}

export default async function storeBench(): Promise<unknown> {
  ensureBuilt();
  const provider = await startFakeProvider({ host: '127.0.0.1' });
  const app = await serveDemoApp({ providerUrl: provider.url });
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('src/ui/popup/index.html?tabId=0'));

    const documents = await importDocuments(realisticSessions(TOTAL_EVENTS));
    const importStart = performance.now();
    let stored = 0;
    for (const doc of documents) {
      const result = (await send(page, { type: 'data.import', doc })) as { events: number };
      stored += result.events;
    }
    const importMs = performance.now() - importStart;

    // One live session in a real tab, so the popup has something to render among 100 000 events.
    const appPage = await openDemoApp(browser.context, app.url);
    await runScriptedSession(appPage);
    const tabId = await tabIdOf(browser.serviceWorker, appPage);
    const live = await waitForTabCalls(page, tabId, 5);

    const firstPage = (await send(page, { type: 'dashboard.sessions', filter: {}, limit: 50, offset: 0 })) as { total: number; sessions: { key: string; calls: number }[] };
    const largest = (await send(page, { type: 'dashboard.sessions', filter: { app: 'support-assistant' }, limit: 1000, offset: 0 })) as {
      sessions: { key: string; calls: number }[];
    };
    const biggestSession = largest.sessions.reduce((a, b) => (b.calls > a.calls ? b : a));

    const timings = {
      sessionListFirstPageMs: await timeMessage(page, { type: 'dashboard.sessions', filter: {}, limit: 50, offset: 0 }),
      sessionListFilteredMs: await timeMessage(page, { type: 'dashboard.sessions', filter: { type: 'CREDIT_CARD', provider: 'anthropic' }, limit: 50, offset: 0 }),
      sessionListDeepPageMs: await timeMessage(page, { type: 'dashboard.sessions', filter: {}, limit: 50, offset: Math.max(0, firstPage.total - 50) }),
      sessionDetailMs: await timeMessage(page, { type: 'dashboard.session', key: live.session.key }),
      sessionDetailLargestMs: await timeMessage(page, { type: 'dashboard.session', key: biggestSession.key }),
      chartsMs: await timeMessage(page, { type: 'dashboard.charts', filter: {} }),
      facetsMs: await timeMessage(page, { type: 'dashboard.facets' }),
      popupTabSummaryMs: await timeMessage(page, { type: 'popup.tabSummary', tabId }),
    };

    const popupRenders: number[] = [];
    const popup = await browser.context.newPage();
    for (let run = 0; run < RUNS; run += 1) {
      await popup.goto(browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
      await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, POPUP_RENDERED_MARK);
      popupRenders.push(await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, POPUP_RENDERED_MARK));
    }
    const popupRenderedMs = median(popupRenders);

    return {
      storedEvents: stored + live.session.calls,
      sessions: firstPage.total,
      largestSessionCalls: biggestSession.calls,
      importMs: Math.round(importMs),
      runs: RUNS,
      medians: { ...timings, popupRenderedMs },
      targets: {
        sessionListUnder100ms: timings.sessionListFirstPageMs < 100,
        popupRenderedUnder150ms: popupRenderedMs < 150,
      },
    };
  } finally {
    await browser.close();
    await app.close();
    await provider.close();
  }
}
