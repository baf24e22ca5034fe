/**
 * Where a request goes and what it speaks: the provider (by known host, the organisation's own
 * host map, or the wire format's family), the API recognised from path and body, the model,
 * and whether the destination is external.
 */
import type { Destination } from '../schema';
import { isInternalHost, normaliseHost } from '../internal/hosts';
import { anthropicMessages } from './anthropic-messages';
import { gemini } from './gemini';
import { providerForHost } from './hosts';
import { ollamaChat, ollamaGenerate } from './ollama';
import { openaiChat } from './openai-chat';
import { openaiCompletions } from './openai-completions';
import { openaiEmbeddings } from './openai-embeddings';
import { openaiRealtime } from './openai-realtime';
import { openaiResponses } from './openai-responses';
import type { ApiAdapter } from './types';

export type { ApiAdapter } from './types';
export { collectTextFields, fieldSegment, MAX_SCANNED_FILE_BYTES, type Attachment, type Extracted, type TextField } from './text-fields';

/** Ordered: the first adapter whose `matches` accepts the request wins. */
export const ADAPTERS: readonly ApiAdapter[] = [
  openaiChat, openaiResponses, openaiEmbeddings, openaiCompletions, anthropicMessages, gemini, ollamaChat, ollamaGenerate, openaiRealtime,
];

/** Ollama's default port: a request there is Ollama whatever the host name. */
const OLLAMA_PORT = '11434';

export interface DestinationOptions {
  /** Organisation hosts (gateways, proxies) → provider name; patterns may start with `*.`. */
  providers?: Readonly<Record<string, string>>;
  internalHosts?: readonly string[];
}

export interface RecognisedDestination {
  destination: Destination;
  /** Undefined when the body is not a known AI API: every string is scanned then. */
  adapter: ApiAdapter | undefined;
  stream: boolean;
}

/** The AI service a URL's host belongs to — the organisation's `providers` map, the built-in table, Ollama's port — or undefined. */
export function knownProvider(url: URL, options: DestinationOptions = {}): string | undefined {
  return providerForHost(url.hostname, options.providers) ?? (url.port === OLLAMA_PORT ? 'ollama' : undefined);
}

/**
 * `bodyKind` names the non-JSON formats (`text`, `multipart`, `form`, `binary`, `none`) recorded
 * as `api` when no adapter matches.
 */
export function recogniseDestination(url: URL, json: unknown, bodyKind: 'json' | 'text' | 'multipart' | 'form' | 'binary' | 'none', options: DestinationOptions = {}): RecognisedDestination {
  const host = normaliseHost(url.hostname);
  const path = url.pathname;
  const adapter = bodyKind === 'json' || bodyKind === 'none' ? ADAPTERS.find((a) => a.matches(path, json)) : undefined;
  const known = knownProvider(url, options);
  const destination: Destination = {
    provider: known ?? adapter?.family ?? 'unknown',
    api: adapter?.api ?? bodyKind,
    host,
    path,
    external: !isInternalHost(host, options.internalHosts),
  };
  const model = adapter?.model(path, json, url.searchParams);
  if (model !== undefined) destination.model = model.slice(0, 200);
  return { destination, adapter, stream: adapter?.stream(path, json, url.searchParams) ?? false };
}
