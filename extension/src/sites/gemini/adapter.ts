/**
 * Gemini (gemini.google.com). The prompt leaves by XMLHttpRequest in
 * `POST /_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate`, a form whose field
 * `f.req` is the JSON `[null, "<inner JSON>"]`; the prompt is the inner value's `[0][0]`, and
 * uploaded files ride along as `[0][3][i]` = `[[path, 1], name]`. Files go to
 * `content-push.googleapis.com/upload` first.
 */
import type { TextField } from '@outflow/sdk/internal/capture';
import { bodyText, pathOf, uploadReading } from '../read';
import type { Reading, ReadResult, SiteAdapter, Unscanned } from '../types';
import { geminiWire } from './wire';

const SEND = /^\/_\/BardChatUi\/data\/assistant\.lamda\.BardFrontendService\/StreamGenerate$/;
/** Send-like: another *Generate method of Bard's frontend service. */
const CHAT_LIKE = /^\/_\/BardChatUi\/data\/[\w.]+\/\w*Generate\w*$/;

function readSend(text: string | undefined): ReadResult {
  if (text === undefined) return { kind: 'unparsed', reason: 'not a form body' };
  const form = new URLSearchParams(text);
  const freq = form.get('f.req');
  if (freq === null) return { kind: 'unparsed', reason: 'no f.req' };
  let outer: unknown;
  let inner: unknown;
  try {
    outer = JSON.parse(freq);
    if (!Array.isArray(outer) || typeof outer[1] !== 'string') return { kind: 'unparsed', reason: 'f.req is not [null, "<inner JSON>"]' };
    inner = JSON.parse(outer[1]);
  } catch {
    return { kind: 'unparsed', reason: 'f.req is not JSON' };
  }
  const request = Array.isArray(inner) && Array.isArray(inner[0]) ? (inner[0] as unknown[]) : undefined;
  if (!request || typeof request[0] !== 'string') return { kind: 'unparsed', reason: 'no prompt at [0][0]' };
  const outerArray = outer as unknown[];
  const fields: TextField[] = [];
  if (request[0].length > 0) fields.push({ field: 'f.req[1][0][0]', text: request[0], replace: (next) => (request[0] = next) });
  const unscanned: Unscanned[] = [];
  if (Array.isArray(request[3])) {
    (request[3] as unknown[]).forEach((file, i) => {
      if (!Array.isArray(file)) return;
      if (typeof file[1] === 'string' && file[1].length > 0) fields.push({ field: `f.req[1][0][3][${i}][1]`, text: file[1], replace: (next) => (file[1] = next) });
      // The file's content went in its upload: the model gets it with this prompt.
      unscanned.push({ where: `f.req[1][0][3][${i}]`, reason: 'binary', bytes: 0 });
    });
  }
  const reading: Reading = {
    kind: 'send',
    api: 'gemini.stream-generate',
    fields,
    attachments: [],
    unscanned,
    stream: true,
    serialise: () => {
      outerArray[1] = JSON.stringify(inner);
      form.set('f.req', JSON.stringify(outerArray));
      return form.toString();
    },
  };
  return reading;
}

export const gemini: SiteAdapter = {
  wire: geminiWire,
  name: 'Gemini',
  provider: 'google',
  version: '2026.11',
  composer: {
    input: 'rich-textarea .ql-editor, rich-textarea [contenteditable="true"], div.ql-editor[contenteditable="true"], form textarea',
    send: 'button.send-button, button[aria-label="Send message"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.method !== 'POST' && request.method !== 'PUT') return { kind: 'ignore' };
    if (url.hostname === 'content-push.googleapis.com') {
      // The resumable upload's first call only announces the file; the bytes follow.
      return request.body.kind === 'file' || request.body.kind === 'multipart' || request.body.kind === 'binary' ? uploadReading('gemini.upload', request) : { kind: 'ignore' };
    }
    if (url.hostname !== 'gemini.google.com') return { kind: 'ignore' };
    const path = pathOf(url);
    if (SEND.test(path)) return readSend(bodyText(request.body));
    if (CHAT_LIKE.test(path)) return { kind: 'unparsed', reason: `a send-like request to ${path}` };
    return { kind: 'ignore' };
  },
};
