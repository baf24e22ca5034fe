import { isRecord, stringField, type ApiAdapter } from './types';

/** Ollama's native API (its OpenAI-compatible `/v1` routes use the OpenAI adapters). Streams unless `stream: false`. */
const ollama = (api: string, path: string): ApiAdapter => ({
  api,
  family: 'ollama',
  matches: (p) => p === path,
  model: (_path, body) => stringField(body, 'model'),
  stream: (_path, body) => !(isRecord(body) && body.stream === false),
  configKeys: new Set(['model', 'options', 'keep_alive']),
});

export const ollamaChat = ollama('ollama-chat', '/api/chat');
export const ollamaGenerate = ollama('ollama-generate', '/api/generate');
