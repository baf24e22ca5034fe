/**
 * A test page's script: the SDK's own wrapped fetch under the default (log-only) policy, which
 * sends a call before scanning it, in a real page whose default sink is the extension.
 */
import { createOutflow } from '../../../sdk/src/index';

(window as unknown as { outflowSendFirst: (url: string, content: string) => Promise<unknown> }).outflowSendFirst = async (url, content) => {
  const outflow = createOutflow({ app: 'send-first-e2e', sessionId: 'send-first' });
  const response = await outflow.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  const body = (await response.json()) as { usage?: unknown };
  await outflow.flush();
  return { usage: body.usage !== undefined, stats: outflow.stats() };
};
