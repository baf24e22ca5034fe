/**
 * Hands requests over to the extension and, when the policy can stop or change them, holds each
 * until its verdict arrives. Fail open: no verdict within `VERDICT_TIMEOUT_MS` (unless the
 * employee is looking at a notice about it) lets the request go unchanged.
 */
import type { WireRequest } from '../sites/wire-types';
import { VERDICT_TIMEOUT_MS, type FromWrapper } from '../wire-channel';
import type { WrapperChannel } from './channel';
import { P } from './primordials';

export type Verdict = { action: 'send' } | { action: 'refuse' } | { action: 'rewrite'; body: string };

export interface Gate {
  /** Whether requests should wait for a verdict now: paired with the extension and its policy asks for it. */
  readonly holding: boolean;
  /** Hands a request over and waits for its verdict. */
  hold(request: WireRequest): Promise<Verdict>;
  /** Hands over a request that has already left (nothing to decide), once it has been described. */
  observe(request: Promise<WireRequest>): void;
  report(failure: Extract<FromWrapper, { t: 'failure' }>['where']): void;
}

const SEND: Verdict = { action: 'send' };

export function createGate(channel: WrapperChannel): Gate {
  let nextId = 1;
  // Until the extension says otherwise, a paired wrapper holds: the policy may not be known yet.
  let hold = true;
  const pending = new Map<number, { resolve: (verdict: Verdict) => void; timer: number | undefined }>();

  const settle = (id: number, verdict: Verdict) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    P.clearTimeout(entry.timer);
    entry.resolve(verdict);
  };
  const arm = (id: number) =>
    P.setTimeout(() => {
      channel.post({ t: 'failure', where: 'verdict-timeout' });
      settle(id, SEND);
    }, VERDICT_TIMEOUT_MS) as unknown as number;

  channel.onMessage((message) => {
    if (message.t === 'mode') hold = message.hold;
    else if (message.t === 'waiting') {
      const entry = pending.get(message.id);
      if (entry) {
        P.clearTimeout(entry.timer);
        entry.timer = undefined;
      }
    } else if (message.t === 'verdict') {
      settle(message.id, message.action === 'rewrite' ? { action: 'rewrite', body: String(message.body) } : { action: message.action === 'refuse' ? 'refuse' : 'send' });
    }
  });

  return {
    get holding() {
      return channel.paired && hold;
    },
    hold(request) {
      const id = nextId++;
      return new P.Promise<Verdict>((resolve) => {
        pending.set(id, { resolve, timer: arm(id) });
        channel.post({ t: 'request', id, held: true, request });
      });
    },
    observe(request) {
      const id = nextId++;
      request.then(
        (described) => channel.post({ t: 'request', id, held: false, request: described }),
        () => channel.post({ t: 'failure', where: 'fetch' }),
      );
    },
    report(where) {
      channel.post({ t: 'failure', where });
    },
  };
}
