/**
 * The content script's end of the channel to the page-world wrapper (see `wire-channel.ts`): takes
 * the secret during `document_start` (whichever script runs first), confirms the pairing, and then
 * hears only events on the secret type. Everything heard is parsed with zod: the page's world is
 * where it came from.
 */
import { z } from 'zod';
import { WireRequestSchema } from '../sites/wire-request';
import { HANDSHAKE_ASK, HANDSHAKE_SECRET, toExtensionType, toPageType, type FromWrapper, type ToWrapper } from '../wire-channel';

const FromWrapperSchema: z.ZodType<FromWrapper> = z.discriminatedUnion('t', [
  z.object({ t: z.literal('request'), id: z.number().int().positive(), held: z.boolean(), request: WireRequestSchema }),
  z.object({ t: z.literal('account'), domain: z.string().max(253) }),
  z.object({ t: z.literal('failure'), where: z.enum(['fetch', 'xhr', 'websocket', 'verdict-timeout']) }),
]) as z.ZodType<FromWrapper>;

const SECRET = /^[0-9a-f]{32}$/;

export interface WireLink {
  /** True once the wrapper handed over its secret. */
  readonly paired: boolean;
  post(message: ToWrapper): void;
}

export function linkWrapper(onMessage: (message: FromWrapper) => void): WireLink {
  let secret: string | undefined;
  const post = (message: ToWrapper) => {
    if (secret) document.dispatchEvent(new CustomEvent(toPageType(secret), { detail: JSON.stringify(message) }));
  };
  const onSecret = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (secret !== undefined || typeof detail !== 'string' || !SECRET.test(detail)) return;
    secret = detail;
    document.removeEventListener(HANDSHAKE_SECRET, onSecret);
    document.addEventListener(toExtensionType(secret), (incoming) => {
      const raw = (incoming as CustomEvent<unknown>).detail;
      if (typeof raw !== 'string') return;
      let parsed: ReturnType<typeof FromWrapperSchema.safeParse>;
      try {
        parsed = FromWrapperSchema.safeParse(JSON.parse(raw));
      } catch {
        return;
      }
      if (parsed.success) onMessage(parsed.data);
    });
    post({ t: 'paired' });
  };
  document.addEventListener(HANDSHAKE_SECRET, onSecret);
  document.dispatchEvent(new CustomEvent(HANDSHAKE_ASK));
  return {
    get paired() {
      return secret !== undefined;
    },
    post,
  };
}
