/**
 * Acme Support Copilot: a small internal app that embeds the Outflow SDK. Its policy logs
 * personal data, redacts secrets before they leave and blocks card numbers and SSNs outright.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createOutflow, OutflowBlockedError, type PolicyInput } from '@outflow/sdk';
import { actions, type AssistantAction, type Clients } from './assistant';
import { loadConfig } from './config';
import { initialReply, renderTicket } from './ticket';

const policy: PolicyInput = {
  defaultAction: 'log',
  rules: [
    { categories: ['secret'], action: 'redact' },
    { types: ['CREDIT_CARD', 'US_SSN'], action: 'block' },
  ],
};

/** The client libraries wrap a failed `fetch` (OpenAI's `APIConnectionError`): look through causes. */
function blockedError(error: unknown): OutflowBlockedError | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (OutflowBlockedError.isInstance(current)) return current as OutflowBlockedError;
    if (typeof current !== 'object') break;
  }
  return undefined;
}

function showResult(list: HTMLElement, action: AssistantAction, status: 'ok' | 'blocked' | 'error', text: string): void {
  const item = document.createElement('li');
  item.className = 'result';
  item.dataset.action = action.id;
  item.dataset.status = status;
  const title = document.createElement('div');
  title.className = 'title';
  title.textContent = action.label;
  const body = document.createElement('p');
  body.className = 'answer';
  body.textContent = text;
  item.append(title, body);
  list.prepend(item);
}

async function start(): Promise<void> {
  renderTicket(document.getElementById('ticket')!);
  const reply = document.getElementById('reply') as HTMLTextAreaElement;
  reply.value = initialReply;
  const status = document.getElementById('sdk-status')!;
  const results = document.getElementById('results')!;
  const buttons = document.getElementById('actions')!;

  const { providerUrl } = await loadConfig();
  const outflow = createOutflow({ app: 'support-assistant', policy });
  // Default retries: the SDK recognises a client's retry of a blocked call, so one click stays one event.
  const clients: Clients = {
    openai: new OpenAI({ apiKey: 'demo-key-for-the-fake-provider', baseURL: `${providerUrl}/v1`, dangerouslyAllowBrowser: true, fetch: outflow.fetch }),
    anthropic: new Anthropic({ apiKey: 'demo-key-for-the-fake-provider', baseURL: providerUrl, dangerouslyAllowBrowser: true, fetch: outflow.fetch }),
  };
  status.textContent = 'Outflow SDK: active';

  for (const action of actions) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    button.title = `Sends ${action.sends}`;
    button.dataset.action = action.id;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const answer = await action.run(clients, reply.value);
        if (action.id === 'tone' || action.id === 'draft') reply.value = answer;
        showResult(results, action, 'ok', answer);
      } catch (error) {
        const blocked = blockedError(error);
        if (blocked) {
          const types = [...new Set(blocked.findings.map((f) => f.type))];
          const reason = types.length > 0 ? types.join(', ') : `destination ${blocked.destination ?? 'not allowed'}`;
          showResult(results, action, 'blocked', `Blocked by policy: ${reason}`);
        }
        else showResult(results, action, 'error', `Failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        button.disabled = false;
      }
    });
    buttons.append(button);
  }
}

start().catch((error: unknown) => {
  document.getElementById('sdk-status')!.textContent = `Demo failed to start: ${error instanceof Error ? error.message : String(error)}`;
});
