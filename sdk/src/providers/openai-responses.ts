import { azureDeployment } from './openai-chat';
import { stringField, streamFlag, type ApiAdapter } from './types';

/** OpenAI Responses API: `input` (a string or items with content parts) and `instructions`. */
export const openaiResponses: ApiAdapter = {
  api: 'openai-responses',
  family: 'openai-compatible',
  matches: (path) => path.endsWith('/responses'),
  model: (path, body) => stringField(body, 'model') ?? azureDeployment(path),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'tool_choice', 'reasoning', 'include', 'truncation', 'service_tier', 'previous_response_id', 'conversation']),
};
