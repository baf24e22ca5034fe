/**
 * Web-app capture end to end: replica pages of the AI web apps on their real origins, the built
 * extension in Chromium. Each send is one stored FlowEvent of kind `web-app` with the app's id and
 * provider and the findings of the prompt, and the app still renders its reply.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import { REPLICAS, type ReceivedRequest } from '../fixtures/webapps/replicas';
import { launchWithExtension, type ExtensionBrowser } from './helpers/browser';
import { openExtensionPage } from './helpers/background';
import { dumpExtensionStorage, findingCounts, openReplica, rawForms, REPLY_TEXT, SECRETS, sendPrompt, SENSITIVE_PROMPT, tabCalls } from './helpers/webapp';

const PROVIDERS: Record<string, string> = { chatgpt: 'openai', claude: 'anthropic', gemini: 'google', copilot: 'microsoft', perplexity: 'perplexity', deepseek: 'deepseek', mistral: 'mistral' };

let browser: ExtensionBrowser;
let extensionPage: Page;
const served = new Map<string, ReceivedRequest[]>();

before(async () => {
  browser = await launchWithExtension();
  extensionPage = await openExtensionPage(browser);
});

after(async () => {
  await browser?.close();
});

describe('each app: a prompt with an e-mail, a card and an AWS key is one stored event with those findings, and the reply still renders', () => {
  for (const replica of REPLICAS) {
    test(replica.app, async () => {
      const { page, tabId } = await openReplica(browser, replica, served);
      assert.equal(await sendPrompt(page, SENSITIVE_PROMPT), REPLY_TEXT);
      const { session, lastCalls } = await tabCalls(extensionPage, tabId, 1);
      assert.equal(session.calls, 1);
      const [event] = lastCalls;
      assert.ok(event);
      assert.equal(event.source.kind, 'web-app');
      assert.equal(event.source.app, replica.app);
      assert.equal(event.destination.provider, PROVIDERS[replica.app]);
      assert.equal(event.origin, replica.origin);
      assert.deepEqual(findingCounts(event), { EMAIL: 1, CREDIT_CARD: 1, AWS_ACCESS_KEY: 1 });
      assert.equal(event.decision, 'allowed');
      await page.close();
    });
  }
});

describe('no raw value stored anywhere', () => {
  test('after a send in each app: no IndexedDB store and no chrome.storage area holds a raw value', async () => {
    const dump = await dumpExtensionStorage(extensionPage);
    for (const app of REPLICAS.map((replica) => replica.app)) assert.ok(dump.includes(`"app":"${app}"`), `${app}'s event is in the dump`);
    for (const raw of rawForms(Object.values(SECRETS))) assert.ok(!dump.includes(raw), `raw value stored: ${raw}`);
  });
});
