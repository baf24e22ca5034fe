/**
 * The copilot's AI actions. Each one builds a prompt from what is on screen, the way a real
 * support tool would, and sends it through an official client whose `fetch` is Outflow's: the
 * SDK scans the request, applies the policy and reports the call to the extension.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { ticket } from './ticket';

export interface Clients {
  openai: OpenAI;
  anthropic: Anthropic;
}

export interface AssistantAction {
  id: string;
  label: string;
  /** What the action sends, in a sentence: shown as the button's description. */
  sends: string;
  run(clients: Clients, reply: string): Promise<string>;
}

const SYSTEM = 'You are a support assistant at Acme. Be brief and friendly.';

async function chat(openai: OpenAI, prompt: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: prompt },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}

export const actions: readonly AssistantAction[] = [
  {
    id: 'tone',
    label: 'Improve my reply',
    sends: 'your draft reply only',
    run: ({ openai }, reply) => chat(openai, `Make this support reply warmer and clearer:\n\n${reply}`),
  },
  {
    id: 'summarise',
    label: 'Summarise ticket',
    sends: 'the ticket with the customer’s contact details',
    run: ({ openai }) =>
      chat(
        openai,
        [
          `Summarise this ticket in two sentences.`,
          `Customer: ${ticket.customer.name} <${ticket.customer.email}>, phone ${ticket.customer.phone}`,
          `Subject: ${ticket.subject}`,
          ticket.message,
        ].join('\n'),
      ),
  },
  {
    id: 'debug',
    label: 'Debug the customer’s config',
    sends: 'the attached config file',
    run: ({ openai }) => chat(openai, `Why would this sync config fail with "auth rejected"?\n\n${ticket.config}`),
  },
  {
    id: 'refund',
    label: 'Draft refund reply',
    sends: 'the billing note',
    run: ({ openai }) => chat(openai, `Draft a reply confirming the refund:\n\n${ticket.billingNote}`),
  },
  {
    id: 'draft',
    label: 'Draft reply (Claude)',
    sends: 'the subject and message, without contact details',
    run: async ({ anthropic }) => {
      const message = await anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 400,
        system: SYSTEM,
        messages: [{ role: 'user', content: `Draft a reply to this ticket.\nSubject: ${ticket.subject}\n${ticket.message}` }],
      });
      return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    },
  },
];
