/**
 * `XMLHttpRequest`, wrapped like `fetch`: `open` notes the method and URL, `send` hands a request
 * the adapter names to the extension — after it has left, or held for its verdict. A refused
 * request ends as a network error would (readyState 4, status 0, `error` and `loadend`), without
 * a byte sent. Synchronous requests cannot be held: they are observed.
 */
import type { SiteWire } from '../sites/types';
import { describeBody } from './describe-body';
import type { Gate } from './gate';
import { P } from './primordials';
import { absoluteUrl, isHandedOver } from './targets';

interface Opened {
  method: string;
  url: string;
  async: boolean;
  contentType?: string;
}

/** Ends a request that never left as the browser ends one that failed on the network. */
function failAsNetworkError(xhr: XMLHttpRequest): void {
  P.defineProperty(xhr, 'readyState', { value: 4, configurable: true });
  P.defineProperty(xhr, 'status', { value: 0, configurable: true });
  for (const type of ['readystatechange', 'error', 'loadend']) {
    const event = type === 'readystatechange' ? new P.Event(type) : new P.ProgressEvent(type);
    P.apply(P.dispatch, xhr, [event]);
  }
}

export function wrapXhr(site: SiteWire, gate: Gate): void {
  const opened = new WeakMap<XMLHttpRequest, Opened>();
  const proto = XMLHttpRequest.prototype;

  proto.open = function open(this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    try {
      opened.set(this, { method: String(method).toUpperCase(), url: absoluteUrl(url), async: rest.length === 0 || rest[0] !== false });
    } catch {
      opened.delete(this);
    }
    return P.apply(P.xhrOpen, this, [method, url, ...rest]) as void;
  } as typeof proto.open;

  proto.setRequestHeader = function setRequestHeader(this: XMLHttpRequest, name: string, value: string) {
    const state = opened.get(this);
    if (state && String(name).toLowerCase() === 'content-type') state.contentType = String(value);
    return P.apply(P.xhrSetHeader, this, [name, value]) as void;
  };

  proto.send = function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const state = opened.get(this);
    const args = arguments as unknown as unknown[];
    if (!state || !isHandedOver(site, state.method, state.url)) return P.apply(P.xhrSend, this, args) as void;
    const describe = async () => ({
      transport: 'xhr' as const,
      method: state.method,
      url: state.url,
      ...(state.contentType ? { contentType: state.contentType } : {}),
      body: await describeBody(body),
    });
    if (!gate.holding || !state.async) {
      P.apply(P.xhrSend, this, args);
      gate.observe(describe());
      return;
    }
    const xhr = this;
    describe()
      .then((request) => gate.hold(request))
      .catch(() => {
        gate.report('xhr');
        return { action: 'send' as const };
      })
      .then((verdict) => {
        if (verdict.action === 'refuse') return failAsNetworkError(xhr);
        P.apply(P.xhrSend, xhr, verdict.action === 'rewrite' ? [verdict.body] : args);
      });
  };
}
