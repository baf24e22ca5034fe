import { stringField, streamFlag, type ApiAdapter } from './types';

/**
 * Anthropic Messages: `system` (a string or text blocks) and `messages[].content` (a string or
 * blocks: text, tool_use input, tool_result content, documents with a text source).
 */
export const anthropicMessages: ApiAdapter = {
  api: 'anthropic-messages',
  family: 'anthropic-compatible',
  matches: (path) => /\/messages(?:\/count_tokens)?$/.test(path),
  model: (_path, body) => stringField(body, 'model'),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'tool_choice', 'stop_sequences', 'thinking', 'service_tier', 'container']),
};
