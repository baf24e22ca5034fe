/**
 * The OpenTelemetry GenAI semantic-convention values a `FlowEvent` can be described with:
 * `gen_ai.provider.name` from our provider names, `gen_ai.operation.name` from the wire format.
 * Names and well-known values follow `@opentelemetry/semantic-conventions` (incubating); a test
 * checks them against that package so they cannot drift by hand.
 */
import type { Destination, FlowEvent } from '../schema';

/** Our `destination.provider` → the convention's well-known `gen_ai.provider.name` values. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'azure-openai': 'azure.ai.openai',
  'aws-bedrock': 'aws.bedrock',
  mistral: 'mistral_ai',
  groq: 'groq',
  deepseek: 'deepseek',
  perplexity: 'perplexity',
  xai: 'x_ai',
  cohere: 'cohere',
};

/** Vertex AI serves Gemini (and partners' models) from `aiplatform.googleapis.com` hosts. */
const VERTEX_HOST = /(?:^|[.-])aiplatform\.googleapis\.com$/;

/**
 * `gen_ai.provider.name` for a destination. The convention asks for a custom value where no
 * well-known one applies, so other providers keep our name (`openrouter`, `ollama`, `unknown`).
 */
export function genAiProviderName(destination: Pick<Destination, 'provider' | 'host'>): string {
  if (destination.provider === 'google') return VERTEX_HOST.test(destination.host) ? 'gcp.vertex_ai' : 'gcp.gemini';
  return PROVIDER_NAMES[destination.provider] ?? destination.provider;
}

/** Our `destination.api` → `gen_ai.operation.name`; absent for a body that is no known AI API. */
const OPERATIONS: Readonly<Record<string, string>> = {
  'openai-chat': 'chat',
  // The Responses API is OpenAI's chat interface; the convention has no value of its own for it.
  'openai-responses': 'chat',
  'openai-completions': 'text_completion',
  'openai-embeddings': 'embeddings',
  'anthropic-messages': 'chat',
  gemini: 'generate_content',
  'ollama-chat': 'chat',
  'ollama-generate': 'text_completion',
};

export function genAiOperationName(event: Pick<FlowEvent, 'source' | 'destination'>): string | undefined {
  // A send from an AI web app's composer is a chat turn, whatever the app's own endpoint is called.
  return OPERATIONS[event.destination.api] ?? (event.source.kind === 'web-app' ? 'chat' : undefined);
}

/** Policy decision → the draft guardrail conventions' enforcement action (`gen_ai.security.action.type`). */
export const GUARDRAIL_ACTIONS = { allowed: 'allow', redacted: 'modify', blocked: 'block' } as const;
