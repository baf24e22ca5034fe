/** What an API adapter knows about one wire format. Everything else (walking, scanning, redaction) is shared. */
export interface ApiAdapter {
  /** The wire format, recorded as `destination.api`. */
  readonly api: string;
  /** Recorded as `destination.provider` when the host is not a known service (`openai-compatible`, …). */
  readonly family: string;
  /** Whether a request with this path (no query) and parsed JSON body speaks this format. */
  matches(path: string, body: unknown): boolean;
  model(path: string, body: unknown): string | undefined;
  /** Whether the request asks for a streamed response. */
  stream(path: string, body: unknown, query: URLSearchParams): boolean;
  /**
   * Top-level keys that carry configuration and cannot carry content (sampling, ids, limits,
   * choices among fixed values): not scanned. Anything the model reads — tool and function
   * descriptions and schemas, response-format schemas, prompt templates — and anything that
   * may hold a secret (MCP server tokens and headers) is not configuration, and is scanned.
   */
  readonly configKeys: ReadonlySet<string>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(body: unknown, key: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

export function streamFlag(body: unknown): boolean {
  return isRecord(body) && body.stream === true;
}

/** A path segment as the app meant it; a malformed `%` escape is kept as written rather than thrown. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
