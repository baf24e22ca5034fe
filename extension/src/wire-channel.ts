/**
 * The channel between the page-world wrapper (`injected/`) and the content script (`content/`):
 * DOM events on `document` whose type carries a secret. At `document_start`, before any page
 * script runs, the wrapper draws the secret and hands it over once (the handshake below); every
 * later message travels on `outflow:<secret>:…` events, as a JSON string. A page can neither
 * listen to nor dispatch an event type it cannot name, and the wrapper answers the handshake only
 * until the content script has paired, so a page that starts later cannot obtain the secret.
 * Nothing the extension found ever travels here: verdicts say only send, refuse or rewrite.
 */
import type { WireRequest } from './sites/wire-types';

/** The wrapper announces the secret on this event type (the content script may already be listening). */
export const HANDSHAKE_SECRET = 'outflow:wire-secret';
/** The content script asks for the secret on this event type (if it ran first, nobody answered it). */
export const HANDSHAKE_ASK = 'outflow:wire-ask';

export const toExtensionType = (secret: string) => `outflow:${secret}:to-extension`;
export const toPageType = (secret: string) => `outflow:${secret}:to-page`;

/** Page world → content script. */
export type FromWrapper =
  /** A request handed over; `held`: the wrapper waits for a verdict before it leaves. */
  | { t: 'request'; id: number; held: boolean; request: WireRequest }
  /** The domain of the signed-in account's address, read from a response the app fetched itself. */
  | { t: 'account'; domain: string }
  /** The wrapper failed on a request and let it go unchanged (fail open): counted in capture health. */
  | { t: 'failure'; where: 'fetch' | 'xhr' | 'websocket' | 'verdict-timeout' };

/** Content script → page world. */
export type ToWrapper =
  /** The handshake completed: the wrapper stops answering `HANDSHAKE_ASK`. */
  | { t: 'paired' }
  /** Whether requests wait for a verdict (a policy that can warn, ask, redact or block). */
  | { t: 'mode'; hold: boolean }
  /** The employee is looking at a notice about request `id`: no timeout while they decide. */
  | { t: 'waiting'; id: number }
  | { t: 'verdict'; id: number; action: 'send' | 'refuse' }
  /** Send this body instead (values replaced by placeholders). */
  | { t: 'verdict'; id: number; action: 'rewrite'; body: string };

/** A held request with no verdict after this long goes out unchanged (the extension is gone or stuck: fail open). */
export const VERDICT_TIMEOUT_MS = 15_000;
