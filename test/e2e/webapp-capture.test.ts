/**
 * Web-app capture beyond the send: file uploads, capture health when a request cannot be read
 * (the popup says degraded, the dashboard lists it), refusals over XMLHttpRequest and WebSocket,
 * shadow-AI discovery with tags and account kinds, and a page that tries to read or forge the
 * channel between the page-world wrapper and the extension.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { chatgptReplica, claudeReplica, copilotReplica, geminiReplica, type ReceivedRequest } from '../fixtures/webapps/replicas';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { ask, eventually, openExtensionPage } from './helpers/background';
import { answerNotice, findingCounts, noticeText, openReplica, SECRETS, sendPrompt, SENSITIVE_PROMPT, setPolicy, tabCalls, waitForNotice } from './helpers/webapp';

const OUTPUT = resolve(import.meta.dirname, '../../test-output');
const CSV = { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`name,email\nMaria Jensen,${SECRETS.email}\n`) };

let browser: ExtensionBrowser;
let extensionPage: Page;
const served = new Map<string, ReceivedRequest[]>();

before(async () => {
  await mkdir(OUTPUT, { recursive: true });
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
});

after(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await setPolicy(extensionPage, null);
  await ask(extensionPage, { type: 'settings.setOrgDomains', domains: [] });
});

async function openPopup(tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 760 });
  await popup.goto(browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
  await popup.getByTestId('capture-status').waitFor();
  return popup;
}

describe('uploads', () => {
  test('ChatGPT: the announced name and the uploaded file are recorded, with the file’s findings; a sensitive name is masked', async () => {
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    await page.locator('#upload').setInputFiles({ ...CSV, name: `export-${SECRETS.email}.csv` });
    await page.locator('#log .turn.upload').waitFor();
    assert.ok(received.some((request) => request.method === 'PUT' && request.url.startsWith('https://files.oaiusercontent.com/')));
    const { lastCalls } = await tabCalls(extensionPage, tabId, 2);
    const upload = lastCalls.find((event) => event.destination.api === 'chatgpt.upload');
    const announce = lastCalls.find((event) => event.destination.api === 'chatgpt.files');
    assert.ok(upload && announce);
    assert.equal(upload.destination.host, 'files.oaiusercontent.com');
    assert.deepEqual(findingCounts(upload), { EMAIL: 2 }, 'one in the content, one in the name');
    assert.equal(upload.request.attachments[0]?.mimeType, 'text/csv');
    assert.equal(upload.request.attachments[0]?.bytes, CSV.buffer.length);
    // The whole name reads as an address (its last label is the TLD): it is masked as one.
    const name = upload.request.attachments[0]?.name ?? '';
    assert.ok(name.includes('•') && name.endsWith('.csv') && !name.includes(SECRETS.email), `masked name: ${name}`);
    assert.deepEqual(findingCounts(announce), { EMAIL: 1 });
    assert.ok(!JSON.stringify(lastCalls).includes(SECRETS.email));
    await page.close();
  });

  test('Claude: a multipart upload is one event with the file’s findings', async () => {
    const { page, tabId } = await openReplica(browser, claudeReplica, served);
    await page.locator('#upload').setInputFiles(CSV);
    await page.locator('#log .turn.upload').waitFor();
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.destination.api, 'claude.upload');
    assert.equal(event?.request.attachments[0]?.name, 'customers.csv');
    assert.deepEqual(findingCounts(event!), { EMAIL: 1 });
    await page.close();
  });

  test('a file selection the policy blocks is refused in the composer: nothing is uploaded', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['EMAIL'], action: 'block' }] });
    const { page, received } = await openReplica(browser, chatgptReplica, served);
    const before = received.length;
    await page.locator('#upload').setInputFiles(CSV);
    assert.match(await waitForNotice(page), /Outflow stopped this file/);
    await answerNotice(page, 'cancel');
    await page.waitForTimeout(500);
    assert.equal(received.length, before, 'no upload request left');
    assert.equal(await page.locator('#log .turn.upload').count(), 0);
    await page.close();
  });
});

describe('refusals on other transports', () => {
  test('Gemini over XMLHttpRequest: a blocked prompt fails as a network error, nothing leaves', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['CREDIT_CARD'], action: 'block' }] });
    const { page, tabId, received } = await openReplica(browser, geminiReplica, served);
    const before = received.length;
    const reply = sendPrompt(page, SENSITIVE_PROMPT);
    await answerNotice(page, 'cancel');
    assert.match(await reply, /network error/);
    assert.equal(received.length, before);
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.decision, 'blocked');
    assert.equal(event?.source.app, 'gemini');
    await page.close();
  });

  test('Copilot over WebSocket: a redacted frame leaves with placeholders and the reply still streams', async () => {
    await setPolicy(extensionPage, { rules: [{ categories: ['secret'], action: 'redact' }] });
    const { page, tabId, received } = await openReplica(browser, copilotReplica, served);
    assert.equal(await sendPrompt(page, SENSITIVE_PROMPT), 'Here is a draft reply.');
    const frame = received.filter((request) => request.body.includes('"event":"send"')).at(-1);
    assert.ok(frame && frame.body.includes('[AWS_ACCESS_KEY_1]') && !frame.body.includes(SECRETS.awsKey));
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.decision, 'redacted');
    await page.close();
  });
});

describe('capture health', () => {
  test('a send-like request the adapter cannot read: still scanned and recorded, counted, the popup says degraded, the dashboard lists it', async () => {
    const { page, tabId } = await openReplica(browser, chatgptReplica, served);
    await page.evaluate(async (text) => {
      // As if ChatGPT renamed messages[]: the page's own fetch, through the wrapper.
      await fetch('/backend-api/f/conversation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'next', input: [{ role: 'user', text }] }) });
    }, SENSITIVE_PROMPT);
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.destination.api, 'chatgpt.unparsed');
    assert.deepEqual(findingCounts(event!), { EMAIL: 1, CREDIT_CARD: 1, AWS_ACCESS_KEY: 1 });

    const popup = await openPopup(tabId);
    assert.equal(await popup.getByTestId('capture-status').getAttribute('data-status'), 'degraded');
    assert.match(await popup.getByTestId('capture-status').innerText(), /Capture degraded on ChatGPT[\s\S]*could not be read/);
    await popup.screenshot({ path: resolve(OUTPUT, 'webapp-popup-degraded.png'), fullPage: true });
    await popup.close();

    const apps = await ask(extensionPage, { type: 'dashboard.apps' });
    const chatgpt = apps.find((row) => row.app === 'chatgpt');
    assert.equal(chatgpt?.status, 'degraded');
    assert.equal(chatgpt?.health[0]?.problems.unparsed, 1);
    await page.close();
  });

  test('the popup on a working ChatGPT tab: capture working, the account kind, the send with its findings', async () => {
    await ask(extensionPage, { type: 'settings.setOrgDomains', domains: ['nordlys-freight.com'] });
    const { page, tabId } = await openReplica(browser, chatgptReplica, served);
    await sendPrompt(page, SENSITIVE_PROMPT);
    await tabCalls(extensionPage, tabId, 1);
    const popup = await openPopup(tabId);
    await popup.getByTestId('popup-session').waitFor();
    assert.equal(await popup.getByTestId('capture-status').getAttribute('data-status'), 'ok');
    assert.equal(await popup.getByTestId('account-kind').getAttribute('data-account'), 'work');
    assert.equal(await popup.getByTestId('app-name').innerText(), 'ChatGPT');
    assert.equal(await popup.getByTestId('stat-findings').innerText(), '3');
    const text = await popup.locator('body').innerText();
    for (const raw of Object.values(SECRETS)) assert.ok(!text.includes(raw), `raw value shown: ${raw}`);
    await popup.screenshot({ path: resolve(OUTPUT, 'webapp-popup-chatgpt.png'), fullPage: true });
    await popup.close();
    await page.close();
  });

  test('a page whose request watcher never started is reported at once', async () => {
    const { page, tabId } = await openReplica(browser, claudeReplica, served);
    // The content script asks for the secret again, as it does when nothing answered: nothing answers a paired wrapper.
    const leaked = await page.evaluate(() => {
      const seen: string[] = [];
      document.addEventListener('outflow:wire-secret', (event) => seen.push(String((event as CustomEvent).detail)));
      document.dispatchEvent(new CustomEvent('outflow:wire-ask'));
      return seen;
    });
    assert.deepEqual(leaked, []);
    const capture = await ask(extensionPage, { type: 'popup.tabCapture', tabId });
    assert.equal(capture?.status, 'ok', 'the wrapper paired before the page ran');
    await page.close();
  });
});

describe('shadow-AI discovery', () => {
  test('visits to AI apps are counted by domain, tagged, and the account kind is recorded without the address', async () => {
    await browser.context.route('https://poe.com/**', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html' }, body: '<title>Poe</title><p>Poe</p>' }));
    await ask(extensionPage, { type: 'settings.setOrgDomains', domains: ['acme-logistics.com'] });
    const poe = await browser.context.newPage();
    await poe.goto('https://poe.com/chat/secret-thread-123');
    await poe.goto('https://poe.com/other');
    await ask(extensionPage, { type: 'settings.setAppTag', domain: 'poe.com', tag: 'unsanctioned' });
    await ask(extensionPage, { type: 'settings.setAppTag', domain: 'chatgpt.com', tag: 'sanctioned' });
    const { page } = await openReplica(browser, chatgptReplica, served);
    const rows = await eventually(
      () => ask(extensionPage, { type: 'dashboard.apps' }),
      (apps) => (apps.find((row) => row.domain === 'chatgpt.com')?.accounts.personal ?? 0) > 0 && apps.some((row) => row.domain === 'poe.com'),
    );
    const poeRow = rows.find((row) => row.domain === 'poe.com');
    assert.equal(poeRow?.visits, 1, 'moving within a domain is not another visit');
    assert.equal(poeRow?.tag, 'unsanctioned');
    assert.equal(poeRow?.app, undefined);
    const chatgpt = rows.find((row) => row.domain === 'chatgpt.com');
    assert.equal(chatgpt?.tag, 'sanctioned');
    assert.equal(chatgpt?.lastAccount, 'personal');
    assert.ok((chatgpt?.visits ?? 0) >= 1);

    const dashboard = await browser.context.newPage();
    await dashboard.setViewportSize({ width: 1400, height: 900 });
    await dashboard.goto(browser.extensionUrl('src/ui/dashboard/index.html?view=apps'));
    await dashboard.getByTestId('apps-table').waitFor();
    const poeCells = dashboard.locator('[data-testid=app-row][data-domain="poe.com"]');
    assert.equal(await poeCells.getByTestId('app-visits').innerText(), '1');
    await dashboard.screenshot({ path: resolve(OUTPUT, 'webapp-dashboard-apps.png'), fullPage: true });
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes('secret-thread') && !stored.includes(SECRETS.email), 'no path, no address');
    await dashboard.close();
    await poe.close();
    await page.close();
  });
});

describe('a page against the channel', () => {
  test('a page script can neither read the notice nor answer it, nor forge requests into the record', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['EMAIL'], action: 'warn' }] });
    const { page, tabId } = await openReplica(browser, chatgptReplica, served);
    const reply = sendPrompt(page, `Ticket from ${SECRETS.email}`);
    await waitForNotice(page);
    const seenByPage = await page.evaluate(() => {
      const host = document.querySelector('outflow-notice') as HTMLElement | null;
      host?.click();
      host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      return { shadowRoot: host?.shadowRoot ?? null, text: document.body.innerText, html: document.documentElement.outerHTML };
    });
    assert.equal(seenByPage.shadowRoot, null);
    assert.ok(!seenByPage.text.includes('•') && !seenByPage.html.includes('•'), 'no masked preview in the page’s DOM');
    assert.match((await noticeText(page)) ?? '', /Sensitive data/, 'the page’s clicks and keys did not answer it');
    await answerNotice(page, 'cancel');
    await reply;

    // A page that makes up its own secret and talks on it: heard by no one.
    await page.evaluate((email) => {
      const secret = '0123456789abcdef0123456789abcdef';
      document.dispatchEvent(new CustomEvent('outflow:wire-secret', { detail: secret }));
      const request = { t: 'request', id: 1, held: false, request: { transport: 'fetch', method: 'POST', url: 'https://chatgpt.com/backend-api/f/conversation', body: { kind: 'text', text: JSON.stringify({ action: 'next', messages: [{ content: { content_type: 'text', parts: [`forged ${email}`] } }] }) } } };
      document.dispatchEvent(new CustomEvent(`outflow:${secret}:to-extension`, { detail: JSON.stringify(request) }));
    }, SECRETS.email);
    await page.waitForTimeout(1000);
    const { session } = await tabCalls(extensionPage, tabId, 1);
    assert.equal(session.calls, 1, 'only the cancelled send is recorded');
    await page.close();
  });
});
