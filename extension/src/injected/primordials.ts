/**
 * The page's built-ins as they were at `document_start`, before any page script ran. The wrapper
 * calls only these: a page that later patches `dispatchEvent`, `JSON` or `CustomEvent` learns
 * nothing from our calls and cannot redirect them.
 */
const descriptor = (target: object, key: string) => Object.getOwnPropertyDescriptor(target, key);

export const P = {
  apply: Reflect.apply,
  defineProperty: Object.defineProperty,
  stringify: JSON.stringify,
  parse: JSON.parse,
  CustomEvent: window.CustomEvent,
  ProgressEvent: window.ProgressEvent,
  Event: window.Event,
  URL: window.URL,
  Request: window.Request,
  Headers: window.Headers,
  FormData: window.FormData,
  Blob: window.Blob,
  File: window.File,
  URLSearchParams: window.URLSearchParams,
  ReadableStream: window.ReadableStream,
  ArrayBuffer: window.ArrayBuffer,
  TextDecoder: window.TextDecoder,
  Promise: window.Promise,
  setTimeout: window.setTimeout.bind(window),
  clearTimeout: window.clearTimeout.bind(window),
  isView: ArrayBuffer.isView,
  random: crypto.getRandomValues.bind(crypto),
  dispatch: EventTarget.prototype.dispatchEvent,
  listen: EventTarget.prototype.addEventListener,
  unlisten: EventTarget.prototype.removeEventListener,
  detail: descriptor(CustomEvent.prototype, 'detail')!.get!,
  fetch: window.fetch,
  xhrOpen: XMLHttpRequest.prototype.open,
  xhrSend: XMLHttpRequest.prototype.send,
  xhrSetHeader: XMLHttpRequest.prototype.setRequestHeader,
  wsSend: WebSocket.prototype.send,
  wsUrl: descriptor(WebSocket.prototype, 'url')!.get!,
  requestClone: Request.prototype.clone,
  responseClone: Response.prototype.clone,
  responseJson: Response.prototype.json,
  blobText: Blob.prototype.text,
  formEntries: FormData.prototype.entries,
  location: window.location,
  document: window.document,
};
