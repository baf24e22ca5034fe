/**
 * Le Chat (chat.mistral.ai). The prompt leaves in `POST /api/chat` as `content[].text`, or as
 * `messages[].content` (a string or parts) in the conversation's full history; a new chat may
 * start through tRPC (`POST /api/trpc/message.newChat?batch=1`, `{"0":{"json":{content[]}}}`).
 * Files are posted as multipart forms under /api.
 */
import type { TextField } from '@outflow/sdk/internal/capture';
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { mistralWire } from './wire';

const SEND = /^\/api\/chat$/;
const NEW_CHAT = /^\/api\/trpc\/message\.newChat$/;
/** Send-like: another chat or message endpoint the adapter does not know. */
const CHAT_LIKE = /^\/api\/(?:chat[\w/-]*|trpc\/message\.[\w,.]+)$/;

/** Text parts of a content array (`[{type: 'text', text}]`); other parts are images or files by reference. */
function readParts(parts: unknown[], path: string, fields: (TextField | undefined)[], unscanned: Unscanned[]): void {
  parts.forEach((part, i) => {
    if (!isRecord(part)) return;
    if (typeof part.text === 'string') fields.push(stringField(part, 'text', `${path}[${i}].text`));
    else unscanned.push({ where: `${path}[${i}]`, reason: 'binary', bytes: 0 });
  });
}

function readContent(body: unknown, api: string, prefix: string): ReadResult {
  if (!isRecord(body)) return { kind: 'unparsed', reason: 'the body is not a JSON object' };
  const fields: (TextField | undefined)[] = [];
  const unscanned: Unscanned[] = [];
  if (Array.isArray(body.content)) readParts(body.content, `${prefix}content`, fields, unscanned);
  else if (Array.isArray(body.messages)) {
    (body.messages as unknown[]).forEach((message, i) => {
      if (!isRecord(message)) return;
      if (typeof message.content === 'string') fields.push(stringField(message, 'content', `${prefix}messages[${i}].content`));
      else if (Array.isArray(message.content)) readParts(message.content, `${prefix}messages[${i}].content`, fields, unscanned);
    });
  } else return { kind: 'unparsed', reason: 'neither content[] nor messages[]' };
  return jsonReading('send', api, body, { fields, unscanned, model: body.model });
}

export const mistral: SiteAdapter = {
  wire: mistralWire,
  name: 'Le Chat',
  provider: 'mistral',
  version: '2026.11',
  composer: {
    input: 'div.ProseMirror[contenteditable="true"], textarea[name="message.text"], form textarea',
    send: 'button[type="submit"][aria-label="Send question"], button[aria-label="Send"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method !== 'POST' || url.hostname !== 'chat.mistral.ai') return { kind: 'ignore' };
    const path = pathOf(url);
    if (request.body.kind === 'multipart') return uploadReading('mistral.upload', request);
    const body = jsonBody(request);
    if (SEND.test(path)) return readContent(body, 'mistral.chat', '');
    if (NEW_CHAT.test(path)) {
      const call = isRecord(body) && isRecord(body['0']) && isRecord(body['0'].json) ? body['0'].json : undefined;
      if (!call) return { kind: 'unparsed', reason: 'no batch entry 0' };
      const result = readContent(call, 'mistral.new-chat', '0.json.');
      // The batch wraps the call: serialise the whole body, not the call alone.
      return result.kind === 'send' ? { ...result, serialise: () => JSON.stringify(body) } : result;
    }
    if (CHAT_LIKE.test(path)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
