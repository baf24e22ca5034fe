import { isRecord, safeDecode, type ApiAdapter } from './types';

const METHOD = /\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)$/;

/** What each method's body carries: `contents` (generate, countTokens), `generateContentRequest` (countTokens), `content` (embedContent), `requests` (batchEmbedContents). */
const BODY_KEYS = ['contents', 'generateContentRequest', 'content', 'requests'];

/** Google Gemini: the model and the method live in the path (`/v1beta/models/{model}:generateContent`). */
export const gemini: ApiAdapter = {
  api: 'gemini',
  family: 'gemini-compatible',
  matches: (path, body) => METHOD.test(path) && isRecord(body) && BODY_KEYS.some((key) => key in body),
  model: (path) => {
    const name = METHOD.exec(path)?.[1];
    return name ? safeDecode(name) : undefined;
  },
  stream: (path, _body, query) => path.endsWith(':streamGenerateContent') || query.get('alt') === 'sse',
  configKeys: new Set(['model', 'safetySettings', 'safety_settings', 'toolConfig', 'tool_config', 'cachedContent']),
};
