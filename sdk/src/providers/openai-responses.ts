import { azureDeployment } from './openai-chat';
import { hasTextOrArray, isRecord, stringField, streamFlag, type ApiAdapter } from './types';

/** OpenAI Responses API: `input` (a string or items with content parts) and `instructions`. */
export const openaiResponses: ApiAdapter = {
  api: 'openai-responses',
  family: 'openai-compatible',
  // `input` is optional when a stored prompt or an earlier response carries the conversation.
  matches: (path, body) => path.endsWith('/responses') && (hasTextOrArray(body, 'input') || (isRecord(body) && (isRecord(body.prompt) || typeof body.previous_response_id === 'string' || body.conversation !== undefined))),
  model: (path, body) => stringField(body, 'model') ?? azureDeployment(path),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'tool_choice', 'reasoning', 'include', 'truncation', 'service_tier', 'previous_response_id', 'conversation']),
};
