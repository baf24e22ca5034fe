import { azureDeployment } from './openai-chat';
import { hasTextOrArray, stringField, type ApiAdapter } from './types';

/** OpenAI Embeddings: `input` is a string or an array of strings. */
export const openaiEmbeddings: ApiAdapter = {
  api: 'openai-embeddings',
  family: 'openai-compatible',
  matches: (path, body) => path.endsWith('/embeddings') && hasTextOrArray(body, 'input'),
  model: (path, body) => stringField(body, 'model') ?? azureDeployment(path),
  stream: () => false,
  configKeys: new Set(['model', 'encoding_format']),
};
