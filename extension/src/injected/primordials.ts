/**
 * The page's built-ins as they were at `document_start`, before any page script ran. The wrapper
 * calls only these: a page that later patches `dispatchEvent`, `JSON` or `CustomEvent` learns
 * nothing from our calls and cannot redirect them.
 */
/** A getter, when the environment has it as one (a page, or a test harness, may have replaced the class). */
const getter = (target: object, key: string): ((this: unknown) => unknown) | undefined => Object.getOwnPropertyDescriptor(target, key)?.get;

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
  detail: getter(CustomEvent.prototype, 'detail'),
  fetch: window.fetch,
  xhrOpen: XMLHttpRequest.prototype.open,
  xhrSend: XMLHttpRequest.prototype.send,
  xhrSetHeader: XMLHttpRequest.prototype.setRequestHeader,
  wsSend: WebSocket.prototype.send,
  wsUrl: getter(WebSocket.prototype, 'url'),
  requestClone: Request.prototype.clone,
  responseClone: Response.prototype.clone,
  responseJson: Response.prototype.json,
  blobText: Blob.prototype.text,
  formEntries: FormData.prototype.entries,
  location: window.location,
  document: window.document,
};
