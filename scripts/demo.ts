/**
 * `npm run demo`: serves the demo internal app and the fake AI provider on localhost, launches
 * Chromium with the built extension (headed when a display exists, headless otherwise), drives a
 * short scripted session, then a short session in a replica of ChatGPT (scripts/demo-webapp.ts),
 * saves screenshots of the apps, the popup and the dashboard to `demo-output/`, prints the
 * sessions' summaries and exits.
 *
 *   npm run demo -- --serve-only    only serve the app and the fake provider, until Ctrl-C
 *   npm run demo -- --keep-open     (with a display) leave the browser open after the script
 *   npm run demo -- --port 5173     the app's port (default 5173; 0 picks a free one)
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDemoApp, runScriptedSession, tabIdOf, waitForTabCalls, SCRIPTED_ACTIONS } from '../examples/internal-app/drive';
import { serveDemoApp } from '../examples/internal-app/serve';
import type { TabSummary } from '../extension/src/messages';
import { chromiumPath, launchWithExtension } from '../test/e2e/helpers/browser';
import { startFakeProvider } from '../test/fixtures/fake-provider/index';
import { appDisplayName } from '../extension/src/discovery/ai-apps';
import { runChatGptSession } from './demo-webapp';

const OUTPUT = resolve(import.meta.dirname, '../demo-output');

const { values: args } = parseArgs({
  options: {
    'serve-only': { type: 'boolean', default: false },
    'keep-open': { type: 'boolean', default: false },
    port: { type: 'string', default: '5173' },
  },
});

function entries(record: Record<string, number>): string {
  const list = Object.entries(record).sort(([, a], [, b]) => b - a);
  return list.length === 0 ? 'none' : list.map(([name, count]) => `${name} ×${count}`).join(', ');
}

function printSummary({ session }: TabSummary): void {
  const lines = [
    `Session ${session.sessionId} of ${appDisplayName(session.app)} (${session.origin})`,
    `  calls        ${session.calls}`,
    `  providers    ${entries(session.providers)}`,
    `  models       ${entries(session.models)}`,
    `  bytes sent   ${session.bytesOut}`,
    `  findings     ${entries(session.findingsByType)}`,
    `  decisions    allowed ${session.decisions.allowed}, redacted ${session.decisions.redacted}, blocked ${session.decisions.blocked}`,
  ];
  console.log(lines.join('\n'));
}

async function waitForInterrupt(): Promise<void> {
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function main(): Promise<void> {
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got "${args.port}".`);

  // Checked before any server starts, so a missing browser ends the demo at once.
  if (!args['serve-only'] && !existsSync(chromiumPath())) {
    throw new Error(`Chromium not found at ${chromiumPath()}. Install Chromium, or set CHROMIUM_PATH to a Chromium executable.`);
  }
  const provider = await startFakeProvider({ host: '127.0.0.1' });
  const app = await serveDemoApp({ providerUrl: provider.url, port });
  const closeServers = async () => {
    await app.close();
    await provider.close();
  };
  console.log(`Demo app:       ${app.url}\nFake provider:  ${provider.url}`);

  if (args['serve-only']) {
    console.log(
      `\nLoad the extension unpacked from ${resolve(import.meta.dirname, '../extension/dist')} (chrome://extensions → Developer mode → Load unpacked),` +
        `\nopen ${app.url} and use the assistant's buttons, then open the Outflow popup. Ctrl-C stops the servers.`,
    );
    await waitForInterrupt();
    await closeServers();
    return;
  }

  const headless = !process.env.DISPLAY;
  const browser = await launchWithExtension({ headless }).catch(async (error: unknown) => {
    await closeServers();
    throw error;
  });
  try {
    const page = await openDemoApp(browser.context, app.url);
    console.log(`\nRunning the scripted session (${headless ? 'headless' : 'headed'}):`);
    for (const result of await runScriptedSession(page)) {
      console.log(`  ${result.action.padEnd(10)} ${result.status.padEnd(8)} ${result.text.slice(0, 70).replaceAll('\n', ' ')}`);
    }
    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT, 'app.png') });

    const tabId = await tabIdOf(browser.serviceWorker, page);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
    const summary = await waitForTabCalls(popup, tabId, SCRIPTED_ACTIONS.length);
    await popup.reload();
    await popup.getByTestId('popup-session').waitFor();
    await popup.screenshot({ path: resolve(OUTPUT, 'popup.png'), fullPage: true });

    const dashboard = await browser.context.newPage();
    await dashboard.setViewportSize({ width: 1400, height: 900 });
    await dashboard.goto(browser.extensionUrl(`src/ui/dashboard/index.html?session=${encodeURIComponent(summary.session.key)}`));
    await dashboard.getByTestId('session-detail').waitFor();
    await dashboard.screenshot({ path: resolve(OUTPUT, 'dashboard.png'), fullPage: true });

    console.log('');
    printSummary(summary);

    console.log('\nA session in a replica of ChatGPT (on https://chatgpt.com, served by the demo; secrets redacted, cards warned about):');
    const chatgpt = await runChatGptSession(browser, OUTPUT);
    for (const { step, reply } of chatgpt.steps) console.log(`  ${step.padEnd(10)} ${reply.slice(0, 70)}`);
    console.log(`  ChatGPT received for "debug": ${/Why does my key [^"]*/.exec(chatgpt.debugBody)?.[0] ?? '(nothing)'}`);
    console.log('');
    printSummary(chatgpt.summary);
    const [, , refund] = [...chatgpt.summary.lastCalls].reverse();
    if (refund?.notice) console.log(`  notice       ${refund.notice.action} at ${refund.notice.at}: the employee ${refund.notice.outcome}`);
    console.log(`\nScreenshots: ${OUTPUT}/{app,popup,dashboard,chatgpt,chatgpt-notice,chatgpt-popup,dashboard-apps}.png`);
    if (!headless && args['keep-open']) {
      console.log('The browser stays open: close it or press Ctrl-C to finish.');
      await Promise.race([new Promise((done) => browser.context.once('close', done)), waitForInterrupt()]);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await closeServers();
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
