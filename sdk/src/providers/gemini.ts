import { safeDecode, type ApiAdapter } from './types';

const METHOD = /\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)$/;

/** Google Gemini: the model and the method live in the path (`/v1beta/models/{model}:generateContent`). */
export const gemini: ApiAdapter = {
  api: 'gemini',
  family: 'gemini-compatible',
  matches: (path) => METHOD.test(path),
  model: (path) => {
    const name = METHOD.exec(path)?.[1];
    return name ? safeDecode(name) : undefined;
  },
  stream: (path, _body, query) => path.endsWith(':streamGenerateContent') || query.get('alt') === 'sse',
  configKeys: new Set(['model', 'safetySettings', 'safety_settings', 'toolConfig', 'tool_config', 'cachedContent']),
};
