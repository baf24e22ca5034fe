/**
 * The page-world end of the channel (see `wire-channel.ts`): draws the secret, hands it to the
 * content script during `document_start`, then sends and receives JSON strings on secret event types.
 */
import { HANDSHAKE_ASK, HANDSHAKE_SECRET, toExtensionType, toPageType, type FromWrapper, type ToWrapper } from '../wire-channel';
import { P } from './primordials';

export interface WrapperChannel {
  /** True once the content script has taken the secret: nothing is handed over before. */
  readonly paired: boolean;
  post(message: FromWrapper): void;
  onMessage(listener: (message: ToWrapper) => void): void;
}

function randomSecret(): string {
  const bytes = P.random(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

/** A CustomEvent whose init is a prototype-less object: no page getter on Object.prototype can read the detail. */
function event(type: string, detail: string): Event {
  const init = Object.create(null) as CustomEventInit<string>;
  init.detail = detail;
  init.bubbles = false;
  init.cancelable = false;
  init.composed = false;
  return new P.CustomEvent(type, init);
}

export function openChannel(): WrapperChannel {
  const secret = randomSecret();
  const listeners: ((message: ToWrapper) => void)[] = [];
  let paired = false;

  const onAsk = () => {
    if (!paired) P.apply(P.dispatch, P.document, [event(HANDSHAKE_SECRET, secret)]);
  };
  P.apply(P.listen, P.document, [
    toPageType(secret),
    (incoming: Event) => {
      let message: ToWrapper;
      try {
        const detail = P.detail ? P.apply(P.detail, incoming, []) : (incoming as CustomEvent<unknown>).detail;
        message = P.parse(detail as string) as ToWrapper;
      } catch {
        return;
      }
      if (message.t === 'paired') {
        paired = true;
        P.apply(P.unlisten, P.document, [HANDSHAKE_ASK, onAsk]);
        return;
      }
      for (const listener of listeners) listener(message);
    },
  ]);
  // Whichever of the two scripts runs first, both run before any page script: one of these two
  // dispatches reaches the content script, which answers `paired` synchronously.
  P.apply(P.listen, P.document, [HANDSHAKE_ASK, onAsk]);
  onAsk();

  return {
    get paired() {
      return paired;
    },
    post(message) {
      if (!paired) return;
      P.apply(P.dispatch, P.document, [event(toExtensionType(secret), P.stringify(message))]);
    },
    onMessage(listener) {
      listeners.push(listener);
    },
  };
}
