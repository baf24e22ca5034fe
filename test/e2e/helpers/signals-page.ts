/**
 * A test page's script: the real `openai` client on the SDK's wrapped fetch, sending one template
 * with its slots varied, under a policy that raises `templated` (as `warn`) from 5 calls on.
 */
import OpenAI from 'openai';
import { createOutflow, explainSignal } from '../../../sdk/src/index';
import { templatedSession } from '../../fixtures/prompts/index';

const heard: string[] = [];
const outflow = createOutflow({
  app: 'signals-e2e',
  policy: { signals: { templated: { action: 'warn', minCalls: 5 } } },
  // What an app shows its user for a `warn` signal.
  onSignal: (signal) => heard.push(explainSignal(signal)),
});

(window as unknown as { outflowTemplated: (baseURL: string, count: number) => Promise<string[]> }).outflowTemplated = async (baseURL, count) => {
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL, fetch: outflow.fetch, maxRetries: 0, dangerouslyAllowBrowser: true });
  for (const prompt of templatedSession(17, count, 0)) await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] });
  await outflow.flush();
  return heard;
};
