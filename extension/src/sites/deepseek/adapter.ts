/**
 * DeepSeek (chat.deepseek.com). The prompt leaves in `POST /api/v0/chat/completion` as `prompt`
 * (JSON, SSE reply); uploaded files go by id in `ref_file_ids`, uploaded before as a multipart
 * form to `/api/v0/file/upload_file`.
 */
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { deepseekWire } from './wire';

const SEND = /^\/api\/v0\/chat\/completion$/;
const UPLOAD = /^\/api\/v0\/file\/upload_file$/;
/** Send-like: another chat completion (regenerate, edit) the adapter does not know. */
const CHAT_LIKE = /^\/api\/v\d+\/chat\/[\w/]*completion/;

function readSend(body: unknown): ReadResult {
  if (!isRecord(body) || typeof body.prompt !== 'string') return { kind: 'unparsed', reason: 'no prompt' };
  const unscanned: Unscanned[] = Array.isArray(body.ref_file_ids) ? body.ref_file_ids.map((_id: unknown, i) => ({ where: `ref_file_ids[${i}]`, reason: 'binary' as const, bytes: 0 })) : [];
  return jsonReading('send', 'deepseek.completion', body, { fields: [stringField(body, 'prompt', 'prompt')], unscanned, model: body.thinking_enabled === true ? 'deepseek-reasoner' : undefined });
}

export const deepseek: SiteAdapter = {
  wire: deepseekWire,
  name: 'DeepSeek',
  provider: 'deepseek',
  version: '2026.11',
  composer: {
    input: 'textarea#chat-input, textarea[placeholder], form textarea',
    send: 'div[role="button"][aria-disabled="false"], button[aria-label="Send"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method !== 'POST' || url.hostname !== 'chat.deepseek.com') return { kind: 'ignore' };
    const path = pathOf(url);
    if (SEND.test(path)) return readSend(jsonBody(request));
    if (UPLOAD.test(path)) return uploadReading('deepseek.upload', request);
    if (CHAT_LIKE.test(path)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
