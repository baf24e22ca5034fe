/**
 * Perplexity (www.perplexity.ai). The question leaves in `POST /rest/sse/perplexity_ask` as
 * `query_str` (JSON, SSE reply); attached files go by URL in `params.attachments`. An upload is
 * announced by `POST /rest/uploads/create_upload_url` (`filename`) and posted to S3.
 */
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { perplexityWire } from './wire';

const SEND = /^\/rest\/sse\/perplexity_ask$/;
const ANNOUNCE_UPLOAD = /^\/rest\/uploads\/create_upload_url$/;
/** Send-like: another SSE endpoint. */
const CHAT_LIKE = /^\/rest\/sse\//;

function readSend(body: unknown): ReadResult {
  if (!isRecord(body) || typeof body.query_str !== 'string') return { kind: 'unparsed', reason: 'no query_str' };
  const params = isRecord(body.params) ? body.params : {};
  const unscanned: Unscanned[] = Array.isArray(params.attachments) ? params.attachments.map((_url: unknown, i) => ({ where: `params.attachments[${i}]`, reason: 'binary' as const, bytes: 0 })) : [];
  return jsonReading('send', 'perplexity.ask', body, { fields: [stringField(body, 'query_str', 'query_str')], unscanned, model: params.model_preference });
}

export const perplexity: SiteAdapter = {
  wire: perplexityWire,
  name: 'Perplexity',
  provider: 'perplexity',
  version: '2026.11',
  composer: {
    input: 'textarea[placeholder], #ask-input, div[contenteditable="true"]#ask-input, form textarea',
    send: 'button[aria-label="Submit"], button[data-testid="submit-button"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method !== 'POST') return { kind: 'ignore' };
    if (url.hostname === 'ppl-ai-file-upload.s3.amazonaws.com') return uploadReading('perplexity.upload', request);
    if (url.hostname !== 'www.perplexity.ai') return { kind: 'ignore' };
    const path = pathOf(url);
    const body = jsonBody(request);
    if (SEND.test(path)) return readSend(body);
    if (ANNOUNCE_UPLOAD.test(path)) {
      const name = stringField(body, 'filename', 'filename');
      if (!name || !isRecord(body)) return { kind: 'unparsed', reason: 'no filename' };
      const bytes = typeof body.file_size === 'number' && body.file_size >= 0 ? Math.floor(body.file_size) : 0;
      return jsonReading('upload', 'perplexity.create-upload-url', body, {
        fields: [name],
        attachments: [{ mimeType: typeof body.content_type === 'string' ? body.content_type.slice(0, 200) : 'application/octet-stream', bytes, name: name.text.slice(0, 255) }],
        // Only the name leaves here; the content follows in the upload, recorded on its own.
        unscanned: [{ where: 'file', reason: 'format', bytes }],
        stream: false,
      });
    }
    if (CHAT_LIKE.test(path)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
