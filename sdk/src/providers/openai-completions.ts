import { azureDeployment } from './openai-chat';
import { hasTextOrArray, stringField, streamFlag, type ApiAdapter } from './types';

/** OpenAI legacy Completions: `prompt` is a string or an array of strings. */
export const openaiCompletions: ApiAdapter = {
  api: 'openai-completions',
  family: 'openai-compatible',
  matches: (path, body) => path.endsWith('/completions') && !path.endsWith('/chat/completions') && hasTextOrArray(body, 'prompt'),
  model: (path, body) => stringField(body, 'model') ?? azureDeployment(path),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'stop', 'stream_options', 'logit_bias']),
};
