import { isRecord, stringField, type ApiAdapter } from './types';

/**
 * OpenAI Realtime over WebSocket (`wss://api.openai.com/v1/realtime?model=…`, Azure's
 * `/openai/realtime`): each client event is one frame, recorded as one call by
 * `outflow.instrument()`. The model is named in the URL's query, or in a `session.update`.
 */
export const openaiRealtime: ApiAdapter = {
  api: 'openai-realtime',
  family: 'openai-compatible',
  matches: (path, body) => path.endsWith('/realtime') && typeof stringField(body, 'type') === 'string',
  model: (_path, body, query) => query.get('model') ?? query.get('deployment') ?? (isRecord(body) ? stringField(body.session, 'model') : undefined),
  stream: () => false,
  configKeys: new Set(['event_id']),
};
