/**
 * ChatGPT (chatgpt.com). The prompt leaves in `POST /backend-api/f/conversation` (earlier
 * `/backend-api/conversation`; `/backend-anon/…` signed out) as `messages[].content.parts[]`.
 * Text leaves before Send too: `…/conversation/prepare` carries the draft (`partial_query`) and the
 * autocompletion call the typed text (`input_text`). A file is announced by `POST /backend-api/files`
 * (`file_name`, `file_size`), then PUT to file storage.
 */
import type { Attachment, TextField } from '@outflow/sdk/internal/capture';
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { chatgptWire } from './wire';

const SEND = /^\/backend-(?:api|anon)\/(?:f\/)?conversation$/;
const PREPARE = /^\/backend-(?:api|anon)\/(?:f\/)?conversation\/prepare$/;
const AUTOCOMPLETE = /^\/backend-(?:api|anon)\/(?:[\w-]+\/)*[\w-]*autocompletions?$/;
const FILES = /^\/backend-api\/files$/;
/** A path that ends like a send path but is not one we know: ChatGPT moved its send path before. */
const CHAT_LIKE = /^\/backend-(?:api|anon)\/(?:[\w-]+\/)*conversation$/;
const STORAGE_HOST = /\.(?:oaiusercontent\.com|blob\.core\.windows\.net)$/;

/** The parts of one message's content: strings are text, objects are images or files by reference. */
function readContent(content: unknown, path: string, fields: TextField[], unscanned: Unscanned[], attachments: Attachment[]): boolean {
  if (!isRecord(content)) return false;
  if (Array.isArray(content.parts)) {
    const parts = content.parts as unknown[];
    parts.forEach((part, i) => {
      const where = `${path}.parts[${i}]`;
      const field = stringField(parts, i, where);
      if (field) fields.push(field);
      else if (isRecord(part)) {
        // An uploaded image or file, sent by reference: its bytes went in the upload, the model gets them now.
        const bytes = typeof part.size_bytes === 'number' ? part.size_bytes : 0;
        const mimeType = part.content_type === 'image_asset_pointer' ? 'image/*' : 'application/octet-stream';
        unscanned.push({ where, reason: 'binary', bytes, mimeType });
        attachments.push({ mimeType, bytes });
      }
    });
    return true;
  }
  const text = stringField(content, 'text', `${path}.text`);
  if (text) fields.push(text);
  return text !== undefined || typeof content.text === 'string';
}

/** Files the message refers to (uploaded before): names and sizes only. */
function referencedFiles(metadata: unknown): Attachment[] {
  if (!isRecord(metadata) || !Array.isArray(metadata.attachments)) return [];
  return metadata.attachments.filter(isRecord).map((file) => ({
    mimeType: typeof file.mime_type === 'string' ? file.mime_type.slice(0, 200) : 'application/octet-stream',
    bytes: typeof file.size === 'number' && file.size >= 0 ? Math.floor(file.size) : 0,
    ...(typeof file.name === 'string' ? { name: file.name.slice(0, 255) } : {}),
  }));
}

function readSend(body: unknown): ReadResult {
  if (!isRecord(body)) return { kind: 'unparsed', reason: 'the body is not a JSON object' };
  const fields: TextField[] = [];
  const unscanned: Unscanned[] = [];
  const attachments: Attachment[] = [];
  if (!Array.isArray(body.messages)) {
    // "Continue generating" sends no message: nothing new leaves.
    if (body.action === 'continue') return jsonReading('send', 'chatgpt.conversation', body, { fields, model: body.model });
    return { kind: 'unparsed', reason: 'no messages[]' };
  }
  for (const [i, message] of (body.messages as unknown[]).entries()) {
    if (!isRecord(message) || !readContent(message.content, `messages[${i}].content`, fields, unscanned, attachments)) {
      return { kind: 'unparsed', reason: `messages[${i}].content has no parts[] or text` };
    }
    attachments.push(...referencedFiles(message.metadata));
  }
  return jsonReading('send', 'chatgpt.conversation', body, { fields, attachments, unscanned, model: body.model });
}

function readPrepare(body: unknown): ReadResult {
  if (!isRecord(body)) return { kind: 'unparsed', reason: 'the body is not a JSON object' };
  // Prepared when the composer gets focus, before anything is typed: no draft, nothing disclosed.
  if (body.partial_query === undefined) return { kind: 'ignore' };
  const fields: TextField[] = [];
  const draft = isRecord(body.partial_query) ? body.partial_query.content : undefined;
  if (!readContent(draft, 'partial_query.content', fields, [], [])) return { kind: 'unparsed', reason: 'partial_query.content has no parts[]' };
  return jsonReading('typing', 'chatgpt.prepare', body, { fields, model: body.model, stream: false });
}

function readFileAnnouncement(body: unknown): ReadResult {
  if (!isRecord(body) || typeof body.file_name !== 'string') return { kind: 'unparsed', reason: 'no file_name' };
  const bytes = typeof body.file_size === 'number' && body.file_size >= 0 ? Math.floor(body.file_size) : 0;
  return jsonReading('upload', 'chatgpt.files', body, {
    fields: [stringField(body, 'file_name', 'file_name')],
    attachments: [{ mimeType: 'application/octet-stream', bytes, name: body.file_name.slice(0, 255) }],
    // Only the name and size leave here; the content follows in the upload, recorded on its own.
    unscanned: [{ where: 'file', reason: 'format', bytes }],
    stream: false,
  });
}

/** A send-like body on an unknown path: ChatGPT's own markers of a prompt. */
function looksLikeSend(body: unknown): boolean {
  return isRecord(body) && (body.action === 'next' || body.action === 'variant' || Array.isArray(body.messages));
}

export const chatgpt: SiteAdapter = {
  wire: chatgptWire,
  name: 'ChatGPT',
  provider: 'openai',
  version: '2026.11',
  composer: {
    input: '#prompt-textarea, div.ProseMirror[contenteditable="true"], form textarea',
    send: '[data-testid="send-button"], #composer-submit-button, button[aria-label="Send prompt"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method === 'GET' || request.method === 'HEAD') return { kind: 'ignore' };
    if (STORAGE_HOST.test(url.hostname)) return request.method === 'PUT' ? uploadReading('chatgpt.upload', request) : { kind: 'ignore' };
    if (url.hostname !== 'chatgpt.com' || request.method !== 'POST') return { kind: 'ignore' };
    const path = pathOf(url);
    const body = jsonBody(request);
    if (SEND.test(path)) return readSend(body);
    if (PREPARE.test(path)) return readPrepare(body);
    if (AUTOCOMPLETE.test(path)) {
      const field = stringField(body, 'input_text', 'input_text');
      return field ? jsonReading('typing', 'chatgpt.autocompletion', body, { fields: [field], stream: false }) : { kind: 'unparsed', reason: 'no input_text' };
    }
    if (FILES.test(path)) return readFileAnnouncement(body);
    if (CHAT_LIKE.test(path) || looksLikeSend(body)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
