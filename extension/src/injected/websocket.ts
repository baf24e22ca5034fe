/**
 * `WebSocket.send`, wrapped: the client frames of sockets the adapter names (Copilot's chat) are
 * handed to the extension. Held frames leave in the order they were sent, each after its verdict;
 * a refused frame is dropped (the socket stays open, as if the frame had never been written).
 */
import type { SiteWire } from '../sites/types';
import { describeBody } from './describe-body';
import type { Gate, Verdict } from './gate';
import { P } from './primordials';

export function wrapWebSocket(site: SiteWire, gate: Gate): void {
  if (!site.websocket) return;
  const patterns = site.websocket;
  /** Per socket, the last held frame's turn: the next frame waits for it. */
  const queues = new WeakMap<WebSocket, Promise<unknown>>();

  WebSocket.prototype.send = function send(this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    const args = arguments as unknown as unknown[];
    let url: string;
    try {
      url = String(P.wsUrl ? P.apply(P.wsUrl, this, []) : this.url);
    } catch {
      return P.apply(P.wsSend, this, args) as void;
    }
    if (!patterns.some((pattern) => pattern.test(url))) return P.apply(P.wsSend, this, args) as void;
    const describe = async () => ({ transport: 'websocket' as const, method: 'SEND', url, body: await describeBody(data) });
    const queued = queues.get(this);
    if (!gate.holding && !queued) {
      P.apply(P.wsSend, this, args);
      gate.observe(describe());
      return;
    }
    const socket = this;
    const holding = gate.holding;
    const verdict: Promise<Verdict> = holding
      ? describe()
          .then((request) => gate.hold(request))
          .catch(() => {
            gate.report('websocket');
            return { action: 'send' as const };
          })
      : P.Promise.resolve({ action: 'send' as const });
    const turn = P.Promise.all([queued, verdict]).then(([, decided]) => {
      if (decided.action === 'refuse') return;
      try {
        P.apply(P.wsSend, socket, decided.action === 'rewrite' ? [decided.body] : args);
      } catch {
        // The socket closed while the frame waited: as if it had been sent into a closing socket.
        return;
      }
      // A frame queued behind a held one, sent once the policy no longer holds: observed as it leaves.
      if (!holding) gate.observe(describe());
    });
    queues.set(this, turn);
    void turn.then(() => {
      if (queues.get(socket) === turn) queues.delete(socket);
    });
  };
}
