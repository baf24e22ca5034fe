import { hasArray, isRecord, stringField, type ApiAdapter } from './types';

/** Ollama's native API (its OpenAI-compatible `/v1` routes use the OpenAI adapters). Streams unless `stream: false`. */
const ollama = (api: string, path: string, carries: (body: unknown) => boolean): ApiAdapter => ({
  api,
  family: 'ollama',
  matches: (p, body) => p === path && carries(body),
  model: (_path, body) => stringField(body, 'model'),
  stream: (_path, body) => !(isRecord(body) && body.stream === false),
  configKeys: new Set(['model', 'options', 'keep_alive']),
});

export const ollamaChat = ollama('ollama-chat', '/api/chat', (body) => hasArray(body, 'messages'));
/** A generate call without `prompt` only loads or unloads a model. */
export const ollamaGenerate = ollama('ollama-generate', '/api/generate', (body) => isRecord(body) && typeof body.prompt === 'string');
