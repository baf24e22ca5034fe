/**
 * Claude (claude.ai). The prompt leaves in `POST /api/organizations/{org}/chat_conversations/{conversation}/completion`
 * (and `retry_completion`) as `prompt`; long pasted text and converted documents travel with it
 * as `attachments[].extracted_content`, uploaded images and files by id in `files[]`. Files are
 * uploaded as multipart forms (`/api/{org}/upload`, `…/wiggle/upload-file`, `/api/convert_document`).
 */
import type { Attachment, TextField } from '@outflow/sdk/internal/capture';
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { claudeWire } from './wire';

const SEND = /^\/api\/organizations\/[^/]+\/chat_conversations\/[^/]+\/(?:retry_)?completion$/;
const UPLOAD = /^\/api\/(?:(?:organizations\/)?[^/]+\/upload|organizations\/[^/]+\/conversations\/[^/]+\/wiggle\/upload-file|convert_document)$/;
/** Send-like: any completion the adapter does not know. */
const CHAT_LIKE = /\/(?:[\w-]*_)?completion$/;

function readSend(body: unknown): ReadResult {
  if (!isRecord(body) || typeof body.prompt !== 'string') return { kind: 'unparsed', reason: 'no prompt' };
  const fields: (TextField | undefined)[] = [stringField(body, 'prompt', 'prompt')];
  const attachments: Attachment[] = [];
  const unscanned: Unscanned[] = [];
  if (Array.isArray(body.attachments)) {
    body.attachments.forEach((attachment: unknown, i) => {
      if (!isRecord(attachment)) return;
      fields.push(stringField(attachment, 'file_name', `attachments[${i}].file_name`), stringField(attachment, 'extracted_content', `attachments[${i}].extracted_content`));
      attachments.push({
        mimeType: typeof attachment.file_type === 'string' ? attachment.file_type.slice(0, 200) : 'text/plain',
        bytes: typeof attachment.file_size === 'number' && attachment.file_size >= 0 ? Math.floor(attachment.file_size) : 0,
        ...(typeof attachment.file_name === 'string' ? { name: attachment.file_name.slice(0, 255) } : {}),
      });
    });
  }
  if (Array.isArray(body.files)) {
    // Images and files uploaded before, sent by id: their bytes went in the upload.
    body.files.forEach((_id: unknown, i) => unscanned.push({ where: `files[${i}]`, reason: 'binary', bytes: 0 }));
  }
  return jsonReading('send', 'claude.completion', body, { fields, attachments, unscanned, model: body.model });
}

export const claude: SiteAdapter = {
  wire: claudeWire,
  name: 'Claude',
  provider: 'anthropic',
  version: '2026.11',
  composer: {
    input: 'div.ProseMirror[contenteditable="true"], [data-testid="chat-input"], fieldset textarea, form textarea',
    send: 'button[aria-label="Send message"], button[aria-label="Send Message"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method !== 'POST' || url.hostname !== 'claude.ai') return { kind: 'ignore' };
    const path = pathOf(url);
    if (SEND.test(path)) return readSend(jsonBody(request));
    if (UPLOAD.test(path)) return uploadReading('claude.upload', request);
    if (CHAT_LIKE.test(path)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
