/**
 * The demo's second part: a short session in a replica of ChatGPT on its real origin (served by
 * Playwright's routing, nothing leaves the machine), under a policy that redacts secrets and warns
 * on card numbers. Saves the notice, the popup on the ChatGPT tab and the dashboard's AI apps view.
 */
import { resolve } from 'node:path';
import type { TabSummary } from '../extension/src/messages';
import type { ReceivedRequest } from '../test/fixtures/webapps/replicas';
import { chatgptReplica } from '../test/fixtures/webapps/replicas';
import { ask, openExtensionPage } from '../test/e2e/helpers/background';
import type { ExtensionBrowser } from '../test/e2e/helpers/browser';
import { answerNotice, openReplica, sendPrompt, setPolicy, tabCalls, waitForNotice } from '../test/e2e/helpers/webapp';

/** The policy the demo sets for the AI web apps (as an employee could in Options). */
export const DEMO_WEBAPP_POLICY = {
  rules: [
    { categories: ['secret'], action: 'redact' },
    { types: ['CREDIT_CARD'], action: 'warn' },
  ],
};

export const CHATGPT_PROMPTS = [
  { step: 'ticket', text: 'Summarise the ticket from maria.jensen@nordlys-freight.com about the late delivery.' },
  { step: 'debug', text: 'Why does my key AKIAQ3EGRJ5WZ7KXV4NM get AccessDenied on s3:PutObject?' },
  { step: 'refund', text: 'Draft a refund note for card 4539 1488 0343 6467.', warned: true },
] as const;

export interface WebAppDemo {
  steps: { step: string; reply: string }[];
  /** What ChatGPT's server received for the debug step (the key left as a placeholder). */
  debugBody: string;
  summary: TabSummary;
}

export async function runChatGptSession(browser: ExtensionBrowser, output: string): Promise<WebAppDemo> {
  const extensionPage = await openExtensionPage(browser);
  await setPolicy(extensionPage, DEMO_WEBAPP_POLICY);
  await ask(extensionPage, { type: 'settings.setOrgDomains', domains: ['nordlys-freight.com'] });
  const served = new Map<string, ReceivedRequest[]>();
  const { page, tabId, received } = await openReplica(browser, chatgptReplica, served);
  await page.setViewportSize({ width: 1100, height: 720 });
  const steps: WebAppDemo['steps'] = [];
  let debugBody = '';
  for (const prompt of CHATGPT_PROMPTS) {
    const reply = sendPrompt(page, prompt.text);
    if ('warned' in prompt) {
      await waitForNotice(page);
      await page.screenshot({ path: resolve(output, 'chatgpt-notice.png') });
      await answerNotice(page, 'continue');
    }
    steps.push({ step: prompt.step, reply: await reply });
    if (prompt.step === 'debug') debugBody = received.filter((request) => request.url.endsWith('/f/conversation')).at(-1)?.body ?? '';
  }
  await page.screenshot({ path: resolve(output, 'chatgpt.png') });
  const summary = await tabCalls(extensionPage, tabId, CHATGPT_PROMPTS.length);

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 760 });
  await popup.goto(browser.extensionUrl(`src/ui/popup/index.html?tabId=${tabId}`));
  await popup.getByTestId('popup-session').waitFor();
  await popup.screenshot({ path: resolve(output, 'chatgpt-popup.png'), fullPage: true });

  const dashboard = await browser.context.newPage();
  await dashboard.setViewportSize({ width: 1400, height: 900 });
  await dashboard.goto(browser.extensionUrl('src/ui/dashboard/index.html?view=apps'));
  await dashboard.getByTestId('apps-table').waitFor();
  await dashboard.screenshot({ path: resolve(output, 'dashboard-apps.png'), fullPage: true });
  return { steps, debugBody, summary };
}
