/**
 * The bridge's first look at a page message, before anything reaches the background: is it ours,
 * does it speak our version, is it within the size cap, does it match the shared schema. Pure, so
 * every refusal reason is unit-tested.
 */
import { BRIDGE_CHANNEL, BRIDGE_VERSION, LIMITS, PageToExtensionSchema, type FlowEvent } from '@outflow/sdk/schema';

/** Why the bridge dropped a page message; the background accepts counts under these names only. */
export const REJECT_REASONS = ['unknown-version', 'too-large', 'invalid', 'rate-limited'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type Screened =
  | { kind: 'reject'; reason: RejectReason }
  | { kind: 'hello'; app: string }
  | { kind: 'events'; events: FlowEvent[] };

/** Messages on our channel that the page side should see: the extension's own replies echo back here. */
const EXTENSION_TO_PAGE = new Set(['ready', 'ack']);

/** True for `postMessage` data on Outflow's channel that is not the extension's own reply. */
export function isPageMessage(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as { channel?: unknown; type?: unknown };
  return message.channel === BRIDGE_CHANNEL && !(typeof message.type === 'string' && EXTENSION_TO_PAGE.has(message.type));
}

/** Serialized length, or undefined when the value cannot be serialized (cycles, BigInt). */
function serializedLength(data: unknown): number | undefined {
  try {
    return JSON.stringify(data).length;
  } catch {
    return undefined;
  }
}

export function screenMessage(data: Record<string, unknown>): Screened {
  if (data.v !== BRIDGE_VERSION) return { kind: 'reject', reason: 'unknown-version' };
  const length = serializedLength(data);
  if (length === undefined) return { kind: 'reject', reason: 'invalid' };
  if (length > LIMITS.bridgeMessageChars) return { kind: 'reject', reason: 'too-large' };
  const parsed = PageToExtensionSchema.safeParse(data);
  if (!parsed.success) return { kind: 'reject', reason: 'invalid' };
  if (parsed.data.type === 'hello') return { kind: 'hello', app: parsed.data.app };
  // Web-app events are recorded by the extension itself; a page may not claim to be one.
  if (parsed.data.events.some((event) => event.source.kind !== 'sdk')) return { kind: 'reject', reason: 'invalid' };
  return { kind: 'events', events: parsed.data.events };
}
