/**
 * Copilot (copilot.microsoft.com). The prompt leaves as a WebSocket client frame on
 * `wss://copilot.microsoft.com/c/api/chat`: `{"event":"send","content":[{"type":"text","text":…}]}`;
 * other frames (options, pings) carry no prompt. Files are posted to `/c/api/attachments`.
 */
import type { TextField } from '@outflow/sdk/internal/capture';
import { isRecord, jsonBody, jsonReading, pathOf, stringField, uploadReading } from '../read';
import type { ReadResult, SiteAdapter, Unscanned } from '../types';
import { copilotWire } from './wire';

const UPLOAD = /^\/c\/api\/attachments?(?:\/|$)/;
/** A frame event that sounds like a prompt but is not `send`: the protocol changed. */
const SEND_LIKE_EVENT = /send|message|chat|prompt/i;

function readFrame(frame: unknown): ReadResult {
  if (!isRecord(frame) || typeof frame.event !== 'string') return { kind: 'ignore' };
  if (frame.event !== 'send') return SEND_LIKE_EVENT.test(frame.event) ? { kind: 'unparsed', reason: `a "${frame.event.slice(0, 40)}" frame` } : { kind: 'ignore' };
  if (!Array.isArray(frame.content)) return { kind: 'unparsed', reason: 'a send frame without content[]' };
  const fields: (TextField | undefined)[] = [];
  const unscanned: Unscanned[] = [];
  (frame.content as unknown[]).forEach((part, i) => {
    if (!isRecord(part)) return;
    if (part.type === 'text') fields.push(stringField(part, 'text', `content[${i}].text`));
    // Images and files go by reference: their bytes went in the upload.
    else unscanned.push({ where: `content[${i}]`, reason: 'binary', bytes: 0 });
  });
  return jsonReading('send', 'copilot.chat', frame, { fields, unscanned, model: frame.mode });
}

export const copilot: SiteAdapter = {
  wire: copilotWire,
  name: 'Copilot',
  provider: 'microsoft',
  version: '2026.11',
  composer: {
    input: 'textarea#userInput, textarea[data-testid="composer-input"], form textarea',
    send: 'button[data-testid="submit-button"], button[aria-label="Submit message"]',
    files: 'input[type="file"]',
  },
  read(request, url) {
    if (request.transport === 'websocket') return readFrame(jsonBody(request));
    if (request.method !== 'POST' || url.hostname !== 'copilot.microsoft.com') return { kind: 'ignore' };
    if (UPLOAD.test(pathOf(url))) return uploadReading('copilot.upload', request);
    return { kind: 'ignore' };
  },
};
