/**
 * `window.fetch`, wrapped: a request the site's adapter names is handed to the extension — after
 * it has left when the policy only logs, or held for its verdict when the policy can stop or change
 * it. Everything else, and every failure of ours, goes to the original `fetch` unchanged.
 */
import type { SiteWire } from '../sites/types';
import type { WireBody, WireRequest } from '../sites/wire-types';
import { describeBody, describeRequestBody } from './describe-body';
import type { Gate, Verdict } from './gate';
import { P } from './primordials';
import { absoluteUrl, emailDomain, isHandedOver } from './targets';

interface Target {
  url: string;
  method: string;
  contentType: string | undefined;
}

function targetOf(input: RequestInfo | URL, init: RequestInit | undefined): Target {
  const request = input instanceof P.Request ? (input as Request) : undefined;
  const headers = init?.headers !== undefined ? new P.Headers(init.headers) : request?.headers;
  return {
    url: absoluteUrl(request ? request.url : (input as string | URL)),
    method: String(init?.method ?? request?.method ?? 'GET').toUpperCase(),
    contentType: headers?.get('content-type') ?? undefined,
  };
}

async function describe(input: RequestInfo | URL, init: RequestInit | undefined, target: Target): Promise<WireRequest> {
  const body: WireBody = init?.body !== undefined && init.body !== null ? await describeBody(init.body) : input instanceof P.Request ? await describeRequestBody(input as Request) : { kind: 'none' };
  return { transport: 'fetch', method: target.method, url: target.url, ...(target.contentType ? { contentType: target.contentType } : {}), body };
}

/** The arguments to send instead, with the body rewritten (a form stays a form, so its content type does not change). */
function rewritten(input: RequestInfo | URL, init: RequestInit | undefined, body: string): [RequestInfo | URL, RequestInit | undefined] {
  if (init?.body !== undefined && init.body !== null) {
    return [input, { ...init, body: init.body instanceof P.URLSearchParams ? new P.URLSearchParams(body) : body }];
  }
  return [new P.Request(input as Request, { body }), init];
}

export const REFUSED_MESSAGE = 'Failed to fetch: this request was stopped by your organisation’s Outflow policy';

export function wrapFetch(site: SiteWire, gate: Gate, onAccountDomain: (domain: string) => void): void {
  const original = P.fetch;

  async function heldFetch(self: unknown, input: RequestInfo | URL, init: RequestInit | undefined, target: Target): Promise<Response> {
    let verdict: Verdict;
    try {
      verdict = await gate.hold(await describe(input, init, target));
    } catch {
      gate.report('fetch');
      verdict = { action: 'send' };
    }
    if (verdict.action === 'refuse') throw new TypeError(REFUSED_MESSAGE);
    const args = verdict.action === 'rewrite' ? rewritten(input, init, verdict.body) : [input, init];
    return P.apply(original, self, args) as Promise<Response>;
  }

  function watchAccount(sent: Promise<Response>): void {
    sent.then(
      (response) => {
        if (!response.ok) return;
        (P.apply(P.responseJson, P.apply(P.responseClone, response, []), []) as Promise<unknown>).then(
          (json) => {
            const domain = emailDomain(site.account?.email(json));
            if (domain) onAccountDomain(domain);
          },
          () => undefined,
        );
      },
      () => undefined,
    );
  }

  const wrapped = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // The page's own arguments, exactly as given, for every path that does not change them.
    const args = arguments as unknown as unknown[];
    let target: Target;
    try {
      target = targetOf(input, init);
    } catch {
      return P.apply(original, this, args) as Promise<Response>;
    }
    if (!isHandedOver(site, target.method, target.url)) {
      const sent = P.apply(original, this, args) as Promise<Response>;
      if (target.method === 'GET' && site.account?.url.test(target.url)) watchAccount(sent);
      return sent;
    }
    if (gate.holding) return heldFetch(this, input, init, target);
    // A Request's body is used up by sending it: read it from a copy taken before.
    let snapshot: RequestInfo | URL = input;
    try {
      if (input instanceof P.Request && (init?.body === undefined || init.body === null)) snapshot = P.apply(P.requestClone, input, []) as Request;
    } catch {
      gate.report('fetch');
    }
    const sent = P.apply(original, this, args) as Promise<Response>;
    gate.observe(describe(snapshot, init, target));
    return sent;
  };
  P.defineProperty(window, 'fetch', { value: wrapped, writable: true, configurable: true, enumerable: true });
}
