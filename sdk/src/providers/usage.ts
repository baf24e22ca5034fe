/**
 * Token usage as providers report it, from a JSON response body or one streamed event: OpenAI
 * (`usage.prompt_tokens`/`completion_tokens`, Responses' `input_tokens`/`output_tokens`, also
 * under `response.usage` in `response.completed`), Anthropic (`message.usage` in
 * `message_start`, `usage` in `message_delta`), Gemini (`usageMetadata`) and Ollama
 * (`prompt_eval_count`/`eval_count`).
 */
import { isRecord } from './types';

export interface TokenUsage {
  tokensIn?: number;
  tokensOut?: number;
}

export function usageFrom(payload: unknown): TokenUsage | undefined {
  if (!isRecord(payload)) return undefined;
  const usage = firstRecord(payload.usage, isRecord(payload.response) ? payload.response.usage : undefined, isRecord(payload.message) ? payload.message.usage : undefined);
  if (usage) {
    const cached = count(usage.cache_creation_input_tokens) + count(usage.cache_read_input_tokens);
    const input = number(usage.prompt_tokens) ?? number(usage.input_tokens);
    return compact(input === undefined ? undefined : input + cached, number(usage.completion_tokens) ?? number(usage.output_tokens));
  }
  if (isRecord(payload.usageMetadata)) {
    const meta = payload.usageMetadata;
    const candidates = number(meta.candidatesTokenCount);
    const thoughts = number(meta.thoughtsTokenCount);
    return compact(number(meta.promptTokenCount), candidates === undefined && thoughts === undefined ? undefined : count(candidates) + count(thoughts));
  }
  if (payload.prompt_eval_count !== undefined || payload.eval_count !== undefined) {
    return compact(number(payload.prompt_eval_count), number(payload.eval_count));
  }
  return undefined;
}

/** Later reports win field by field (Anthropic sends input tokens first, output tokens last). */
export function mergeUsage(into: TokenUsage, next: TokenUsage | undefined): void {
  if (next?.tokensIn !== undefined) into.tokensIn = next.tokensIn;
  if (next?.tokensOut !== undefined) into.tokensOut = next.tokensOut;
}

function compact(tokensIn: number | undefined, tokensOut: number | undefined): TokenUsage | undefined {
  if (tokensIn === undefined && tokensOut === undefined) return undefined;
  const usage: TokenUsage = {};
  if (tokensIn !== undefined) usage.tokensIn = tokensIn;
  if (tokensOut !== undefined) usage.tokensOut = tokensOut;
  return usage;
}

function firstRecord(...values: unknown[]): Record<string, unknown> | undefined {
  return values.find(isRecord);
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function count(value: unknown): number {
  return number(value) ?? 0;
}
