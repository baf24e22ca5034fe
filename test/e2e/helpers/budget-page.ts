/**
 * A test page's script: the real `openai` client on the SDK's wrapped fetch, with a budget of
 * two calls per session (the tab, kept in sessionStorage) and a log budget of three per app (localStorage), in a
 * real page whose sink is the extension.
 */
import OpenAI from 'openai';
import { createOutflow, extensionBridgeSink, OutflowBudgetError } from '../../../sdk/src/index';

// The default sink, with room for a slow start: on a loaded machine the extension's service worker
// can take more than the default 3 s to answer, and `flush()` would then return before the events
// are stored — and a reload would lose them.
const sink = extensionBridgeSink({ app: 'budget-e2e', readyTimeoutMs: 20_000, flushTimeoutMs: 20_000 });
const outflow = createOutflow({
  app: 'budget-e2e',
  sinks: [sink],
  policy: {
    budgets: [
      { id: 'per-tab', scope: 'session', window: '1h', maxCalls: 2, action: 'block' },
      { id: 'per-app', scope: 'app', window: '1d', maxCalls: 3, action: 'log' },
    ],
  },
});

type Outcome = { ok: true } | { ok: false; name: string; budgetId?: string; retryAfter?: number; eventId?: string; cause: boolean };

(window as unknown as { outflowAsk: (baseURL: string) => Promise<Outcome> }).outflowAsk = async (baseURL) => {
  const openai = new OpenAI({ apiKey: 'sk-fake', baseURL, fetch: outflow.fetch, maxRetries: 1, dangerouslyAllowBrowser: true });
  try {
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Summarise the ticket queue for today.' }] });
    return { ok: true };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutflowBudgetError) return { ok: false, name: cause.name, budgetId: cause.budgetId, retryAfter: cause.retryAfter, eventId: cause.eventId, cause: true };
    return { ok: false, name: error instanceof Error ? error.name : String(error), cause: false };
  } finally {
    await outflow.flush();
  }
};
(window as unknown as { outflowSession: string }).outflowSession = outflow.sessionId;
(window as unknown as { outflowPending: () => number }).outflowPending = () => sink.pending;
