/**
 * XMLHttpRequest, for libraries older than `fetch`. `open` and `setRequestHeader` are noted; a
 * `send` to an AI destination goes through Outflow. An XHR's `send` returns before anything
 * happens on the network, so under a policy that can redact or block the real send waits for
 * the scan, and a blocked request fails the way a network error does (readyState 4, status 0,
 * `readystatechange`, `error`, `loadend`) with nothing sent. A synchronous XHR cannot wait: under
 * such a policy it is refused with a `NetworkError`, as a failed synchronous request is.
 */
import type { Transport } from '../intercept/fetch';
import { aiDestination, isBlocked, recorded, replaceProperty, snapshot, type InstrumentContext, type Restore } from './shared';

interface XhrCall {
  readonly method: string;
  readonly url: URL | undefined;
  readonly async: boolean;
  readonly headers: [string, string][];
  /** `send` was called and waits for the scan; `abort()` or a new `open()` ends the wait. */
  waiting: boolean;
}

/** The properties a blocked request shows as failed, until the next `open()`. */
const FAILED_STATE = ['readyState', 'status', 'statusText', 'responseURL', 'response', 'responseText'] as const;

export function instrumentXhr(ctx: InstrumentContext): Restore | undefined {
  const Xhr = (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  if (typeof Xhr !== 'function') return undefined;
  const proto = Xhr.prototype;
  const { open, setRequestHeader, send, abort } = proto;
  const calls = new WeakMap<XMLHttpRequest, XhrCall>();
  let active = true;

  const restores = [
    replaceProperty(proto, 'open', function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['open']>) {
      for (const name of FAILED_STATE) delete (this as unknown as Record<string, unknown>)[name];
      const result = Reflect.apply(open, this, args) as undefined;
      // `async` is optional and defaults to true; any value given is read as a boolean.
      const async = args.length < 3 || args[2] === undefined || Boolean(args[2]);
      calls.set(this, { method: String(args[0]).toUpperCase(), url: aiDestination(ctx, args[1]), async, headers: [], waiting: false });
      return result;
    }),
    replaceProperty(proto, 'setRequestHeader', function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['setRequestHeader']>) {
      const result = Reflect.apply(setRequestHeader, this, args) as undefined;
      calls.get(this)?.headers.push([String(args[0]), String(args[1])]);
      return result;
    }),
    replaceProperty(proto, 'send', function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['send']>) {
      const call = calls.get(this);
      if (call?.waiting) throw new DOMException("Failed to execute 'send' on 'XMLHttpRequest': the request is already being sent.", 'InvalidStateError');
      if (!active || call?.url === undefined || this.readyState !== Xhr.OPENED) return Reflect.apply(send, this, args) as undefined;
      sendThroughOutflow(this, call, call.url, snapshot(args[0]));
    }),
    replaceProperty(proto, 'abort', function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['abort']>) {
      const result = Reflect.apply(abort, this, args) as undefined;
      const call = calls.get(this);
      if (call?.waiting) {
        call.waiting = false;
        // The platform fires nothing for a request it never sent; the app waits for these.
        this.dispatchEvent(new ProgressEvent('abort'));
        this.dispatchEvent(new ProgressEvent('loadend'));
      }
      return result;
    }),
  ];

  function sendThroughOutflow(xhr: XMLHttpRequest, call: XhrCall, url: URL, body: Document | XMLHttpRequestBodyInit | null | undefined): void {
    const init: RequestInit = { method: call.method, headers: call.headers };
    const fetchBody = call.method === 'GET' || call.method === 'HEAD' ? undefined : asFetchBody(body);
    if (fetchBody !== undefined) init.body = fetchBody;

    if (!call.async && ctx.scanFirst) {
      const refusal = new DOMException('Outflow refused a synchronous XMLHttpRequest: it cannot wait for the scan this policy requires', 'NetworkError');
      ctx.intercept(url.href, init, () => Promise.reject(refusal)).catch(recorded);
      throw refusal;
    }
    if (!ctx.scanFirst) {
      // Nothing in the policy can change the call: it leaves now, and Outflow reads it alongside.
      const answer = answerOf(xhr);
      try {
        send.call(xhr, body ?? null);
      } catch (error) {
        answer.detach();
        ctx.intercept(url.href, init, () => Promise.reject(error)).catch(recorded);
        throw error;
      }
      ctx.intercept(url.href, init, () => answer.response).then(drain, recorded);
      return;
    }
    call.waiting = true;
    const transport: Transport<Response> = (_input, outgoing) => {
      if (!call.waiting || calls.get(xhr) !== call) return Promise.reject(new DOMException('the app aborted the request before it was sent', 'AbortError'));
      call.waiting = false;
      const answer = answerOf(xhr);
      send.call(xhr, outgoing?.body === fetchBody ? (body ?? null) : (outgoing?.body as XMLHttpRequestBodyInit));
      return answer.response;
    };
    ctx.intercept(url.href, init, transport).then(drain, (error: unknown) => {
      if (!isBlocked(error) || !call.waiting || calls.get(xhr) !== call) return;
      call.waiting = false;
      failAsNetworkError(xhr);
    });
  }

  return () => {
    // An XHR opened before this keeps its noted call; its send now goes straight out.
    active = false;
    for (const restore of restores.reverse()) restore();
  };
}

/** What `fetch` would be handed for an XHR body: a Document is sent as its serialised markup. */
function asFetchBody(body: Document | XMLHttpRequestBodyInit | null | undefined): BodyInit | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof Document === 'function' && body instanceof Document) return new XMLSerializer().serializeToString(body);
  return body as BodyInit;
}

/**
 * The XHR's answer as a Response Outflow can observe, for the event's status, size and token
 * usage: it resolves when the headers arrive, and its body repeats what the XHR receives (text as
 * it streams in, other response types once loaded). The app reads the XHR, never this.
 */
function answerOf(xhr: XMLHttpRequest): { response: Promise<Response>; detach(): void } {
  let resolveAnswer!: (response: Response) => void;
  let rejectAnswer!: (error: unknown) => void;
  const response = new Promise<Response>((resolve, reject) => {
    resolveAnswer = resolve;
    rejectAnswer = reject;
  });
  // Nothing may go unhandled when the call ends before it is awaited (a refusal, a throw).
  response.catch(recorded);
  let body!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (body = controller) });
  const encoder = new TextEncoder();
  let answered = false;
  let fedChars = 0;
  const textual = (): boolean => xhr.responseType === '' || xhr.responseType === 'text';
  const feedText = (): void => {
    const text = xhr.responseText;
    if (text.length > fedChars) body.enqueue(encoder.encode(text.slice(fedChars)));
    fedChars = text.length;
  };
  const answer = (): void => {
    if (answered || xhr.readyState < 2 || xhr.status < 200 || xhr.status > 599) return;
    answered = true;
    resolveAnswer(new Response(stream, { status: xhr.status, headers: responseHeaders(xhr) }));
  };
  const fail = (error: unknown): void => {
    detach();
    if (answered) body.error(error);
    else rejectAnswer(error);
  };
  const listeners: Record<string, () => void> = {
    readystatechange: () => {
      answer();
      if (answered && xhr.readyState === 3 && textual()) feedText();
    },
    load: () => {
      answer();
      detach();
      if (!answered) rejectAnswer(new TypeError(`XMLHttpRequest ended with status ${xhr.status}`));
      else void finishBody(xhr, textual() ? feedText : undefined, body).catch((error: unknown) => body.error(error));
    },
    error: () => fail(new TypeError('XMLHttpRequest failed (network error)')),
    abort: () => fail(new DOMException('the app aborted the XMLHttpRequest', 'AbortError')),
    timeout: () => fail(new DOMException('the XMLHttpRequest timed out', 'TimeoutError')),
  };
  const detach = (): void => {
    for (const [type, listener] of Object.entries(listeners)) xhr.removeEventListener(type, listener);
  };
  for (const [type, listener] of Object.entries(listeners)) xhr.addEventListener(type, listener);
  return { response, detach };
}

/** The rest of the body once loaded: the text not yet fed, or the whole of any other response type. */
async function finishBody(xhr: XMLHttpRequest, feedText: (() => void) | undefined, body: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
  if (feedText) feedText();
  else if (xhr.response instanceof ArrayBuffer) body.enqueue(new Uint8Array(xhr.response.slice(0)));
  else if (xhr.response instanceof Blob) body.enqueue(new Uint8Array(await xhr.response.arrayBuffer()));
  else if (xhr.responseType === 'json' && xhr.response !== null) body.enqueue(new TextEncoder().encode(JSON.stringify(xhr.response)));
  body.close();
}

function responseHeaders(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header `Headers` refuses tells Outflow nothing it needs.
    }
  }
  return headers;
}

/** Reads the observed answer to its end, so the call is recorded when the XHR's body ends. */
async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  try {
    while (!(await reader.read()).done);
  } catch {
    // A broken body is in the call's event already.
  }
}

/** Shows a request Outflow refused as a network failure, the only failure an XHR can report. */
function failAsNetworkError(xhr: XMLHttpRequest): void {
  // The sequence of a request that fails on the network, loadstart included: the real send never ran.
  xhr.dispatchEvent(new ProgressEvent('loadstart'));
  const textual = xhr.responseType === '' || xhr.responseType === 'text';
  const state: Record<(typeof FAILED_STATE)[number], unknown> = { readyState: 4, status: 0, statusText: '', responseURL: '', response: textual ? '' : null, responseText: '' };
  for (const name of FAILED_STATE) {
    if (name === 'responseText' && !textual) continue;
    Object.defineProperty(xhr, name, { value: state[name], configurable: true });
  }
  xhr.dispatchEvent(new Event('readystatechange'));
  xhr.dispatchEvent(new ProgressEvent('error'));
  xhr.dispatchEvent(new ProgressEvent('loadend'));
}
