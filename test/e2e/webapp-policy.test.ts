/**
 * What the employee sees and what is recorded, per policy action, in a replica ChatGPT: a warning
 * to continue past or cancel, a reason asked for and recorded (scrubbed), a refusal, values
 * replaced by placeholders — at the send (the wire) and on paste and file selection (the composer).
 * What the replica's server received shows what really left the browser.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { chatgptReplica, type ReceivedRequest } from '../fixtures/webapps/replicas';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { openExtensionPage } from './helpers/background';
import { answerNotice, dumpExtensionStorage, findingCounts, rawForms, noticeText, openReplica, pasteIntoComposer, REPLY_TEXT, SECRETS, sendPrompt, SENSITIVE_PROMPT, setPolicy, tabCalls, waitForNotice } from './helpers/webapp';

const OUTPUT = resolve(import.meta.dirname, '../../test-output');

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

const sends = (received: ReceivedRequest[]) => received.filter((request) => request.url.endsWith('/backend-api/f/conversation'));

describe('policy actions at the send', () => {
  beforeEach(async () => setPolicy(extensionPage, null));

  test('warn: the notice lists what was found (masked); cancel keeps the prompt home, continue sends it; both are recorded', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['EMAIL'], action: 'warn' }] });
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    const before = sends(received).length;

    const cancelled = sendPrompt(page, `Ticket from ${SECRETS.email}: summarise`);
    const text = await waitForNotice(page);
    assert.match(text, /Sensitive data in this message/);
    assert.match(text, /EMAIL ×1 m•+@n•+\.com/);
    assert.ok(!text.includes(SECRETS.email), 'the notice shows the masked value only');
    await page.screenshot({ path: resolve(OUTPUT, 'webapp-notice-warn.png') });
    await answerNotice(page, 'cancel');
    assert.match(await cancelled, /stopped by your organisation/);
    assert.equal(sends(received).length, before, 'nothing left after cancel');

    const continued = sendPrompt(page, `Ticket from ${SECRETS.email}: summarise`);
    await answerNotice(page, 'continue');
    assert.equal(await continued, REPLY_TEXT);
    assert.equal(sends(received).length, before + 1);

    const { lastCalls } = await tabCalls(extensionPage, tabId, 2);
    const [sent, refused] = lastCalls;
    assert.equal(refused?.decision, 'blocked');
    assert.deepEqual(refused?.notice, { action: 'warn', outcome: 'cancelled', at: 'send' });
    assert.equal(refused?.request.bytes, 0);
    assert.equal(sent?.decision, 'allowed');
    assert.deepEqual(sent?.notice, { action: 'warn', outcome: 'continued', at: 'send' });
    assert.equal(sent?.findings[0]?.action, 'warn');
    await page.close();
  });

  test('justify: the reason is required, recorded, and scrubbed of sensitive values', async () => {
    await setPolicy(extensionPage, { rules: [{ categories: ['financial'], action: 'justify' }] });
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    const before = sends(received).length;
    const reply = sendPrompt(page, `Refund card ${SECRETS.card} please`);
    const text = await waitForNotice(page);
    assert.match(text, /asks for a reason/);
    await page.screenshot({ path: resolve(OUTPUT, 'webapp-notice-justify.png') });
    await answerNotice(page, 'continue', 'Refund approved by bob.smith@acme-logistics.com for ticket 4411');
    assert.equal(await reply, REPLY_TEXT);
    assert.equal(sends(received).length, before + 1);
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.notice?.action, 'justify');
    assert.equal(event?.notice?.outcome, 'continued');
    assert.equal(event?.notice?.justification, 'Refund approved by [EMAIL_1] for ticket 4411');
    await page.close();
  });

  test('block: the notice explains, nothing leaves, the app shows its error, the event is blocked', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['AWS_ACCESS_KEY'], action: 'block' }] });
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    const before = sends(received).length;
    const reply = sendPrompt(page, SENSITIVE_PROMPT);
    const text = await waitForNotice(page);
    assert.match(text, /Outflow stopped this message/);
    assert.match(text, /AWS_ACCESS_KEY ×1/);
    await page.screenshot({ path: resolve(OUTPUT, 'webapp-notice-block.png') });
    await answerNotice(page, 'cancel');
    assert.match(await reply, /stopped by your organisation/);
    assert.equal(sends(received).length, before);
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.decision, 'blocked');
    assert.equal(event?.error?.kind, 'blocked');
    assert.deepEqual(findingCounts(event!), { EMAIL: 1, CREDIT_CARD: 1, AWS_ACCESS_KEY: 1 });
    assert.ok(!JSON.stringify(event).includes(SECRETS.awsKey));
    await page.close();
  });

  test('redact: the values leave as placeholders, the reply renders, the event is redacted', async () => {
    await setPolicy(extensionPage, { rules: [{ categories: ['pii', 'secret'], action: 'redact' }] });
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    assert.equal(await sendPrompt(page, SENSITIVE_PROMPT), REPLY_TEXT);
    const body = sends(received).at(-1)!.body;
    assert.ok(!body.includes(SECRETS.email) && !body.includes(SECRETS.awsKey), 'no redacted value left');
    assert.match(body, /Customer \[EMAIL_1\] paid with 4539 1488 0343 6467; our key is \[AWS_ACCESS_KEY_1\]/);
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.decision, 'redacted');
    assert.deepEqual(Object.fromEntries(event!.findings.map((f) => [f.type, f.action])), { EMAIL: 'redact', CREDIT_CARD: 'log', AWS_ACCESS_KEY: 'redact' });
    await page.close();
  });
});

describe('policy actions in the composer', () => {
  beforeEach(async () => setPolicy(extensionPage, null));

  test('paste under redact: the composer receives placeholders; the send records the redaction', async () => {
    await setPolicy(extensionPage, { rules: [{ categories: ['secret'], action: 'redact' }] });
    const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
    await pasteIntoComposer(page, `key ${SECRETS.awsKey} fails`);
    await page.waitForFunction(() => (document.querySelector('[data-role=prompt]') as HTMLTextAreaElement).value.includes('['));
    assert.equal(await page.locator('[data-role=prompt]').inputValue(), 'key [AWS_ACCESS_KEY_1] fails');
    await page.locator('#composer button[type=submit]').click();
    await page.locator('#log .turn.assistant').first().waitFor();
    assert.ok(sends(received).at(-1)!.body.includes('key [AWS_ACCESS_KEY_1] fails'));
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.equal(event?.decision, 'redacted');
    assert.deepEqual(event?.findings.map((f) => [f.type, f.action, f.count]), [['AWS_ACCESS_KEY', 'redact', 1]]);
    assert.match(event?.findings[0]?.samples[0]?.preview ?? '', /^AKIA/);
    await page.close();
  });

  test('paste under warn: asked once at paste; the send that carries it is not asked again and records the answer', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['EMAIL'], action: 'warn' }] });
    const { page, tabId } = await openReplica(browser, chatgptReplica, served);
    await pasteIntoComposer(page, `from ${SECRETS.email}`);
    assert.match(await waitForNotice(page), /Sensitive data in this pasted text/);
    await answerNotice(page, 'continue');
    await page.waitForFunction(() => (document.querySelector('[data-role=prompt]') as HTMLTextAreaElement).value !== '');
    await page.locator('#composer button[type=submit]').click();
    await page.locator('#log .turn.assistant').first().waitFor();
    assert.equal(await noticeText(page), undefined, 'no second notice');
    const [event] = (await tabCalls(extensionPage, tabId, 1)).lastCalls;
    assert.deepEqual(event?.notice, { action: 'warn', outcome: 'continued', at: 'paste' });
    assert.equal(event?.decision, 'allowed');
    await page.close();
  });

  test('paste under block: refused at paste, the composer stays empty', async () => {
    await setPolicy(extensionPage, { rules: [{ types: ['CREDIT_CARD'], action: 'block' }] });
    const { page } = await openReplica(browser, chatgptReplica, served);
    await pasteIntoComposer(page, `card ${SECRETS.card}`);
    assert.match(await waitForNotice(page), /Outflow stopped this pasted text/);
    await answerNotice(page, 'cancel');
    assert.equal(await page.locator('[data-role=prompt]').inputValue(), '');
    await page.close();
  });
});

describe('no raw value stored anywhere', () => {
  test('after every action above: no IndexedDB store and no chrome.storage area holds a raw value, of a prompt or of a reason', async () => {
    const dump = await dumpExtensionStorage(extensionPage);
    assert.ok(dump.includes('"kind":"web-app"'), 'the dump holds the web-app events');
    for (const raw of rawForms([...Object.values(SECRETS), 'bob.smith@acme-logistics.com'])) assert.ok(!dump.includes(raw), `raw value stored: ${raw}`);
  });
});
