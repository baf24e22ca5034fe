import { hasArray, safeDecode, stringField, streamFlag, type ApiAdapter } from './types';

/** OpenAI Chat Completions (and every server that copies it: Mistral, Groq, vLLM, Ollama's `/v1`, …). */
export const openaiChat: ApiAdapter = {
  api: 'openai-chat',
  family: 'openai-compatible',
  matches: (path, body) => path.endsWith('/chat/completions') && hasArray(body, 'messages'),
  model: (path, body) => stringField(body, 'model') ?? azureDeployment(path),
  stream: (_path, body) => streamFlag(body),
  configKeys: new Set(['model', 'tool_choice', 'function_call', 'stop', 'stream_options', 'reasoning_effort', 'service_tier', 'modalities', 'audio', 'verbosity']),
};

/** Azure OpenAI names the deployment in the path (`/openai/deployments/{d}/chat/completions`) rather than a model in the body. */
export function azureDeployment(path: string): string | undefined {
  const match = /\/openai\/deployments\/([^/]+)\//.exec(path);
  return match?.[1] ? safeDecode(match[1]) : undefined;
}
