import { hasArray, stringField, streamFlag, type ApiAdapter } from './types';

/**
 * Anthropic Messages: `system` (a string or text blocks) and `messages[].content` (a string or
 * blocks: text, tool_use input, tool_result content, documents with a text source).
 */
export const anthropicMessages: ApiAdapter = {
  api: 'anthropic-messages',
  family: 'anthropic-compatible',
  // Many APIs end a path in `/messages` (chat apps, mail, queues): the body must be a conversation too.
  matches: (path, body) => /\/messages(?:\/count_tokens)?$/.test(path) && hasArray(body, 'messages'),
  model: (_path, body) => stringField(body, 'model'),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'tool_choice', 'stop_sequences', 'thinking', 'service_tier', 'container']),
};
