/** What an API adapter knows about one wire format. Everything else (walking, scanning, redaction) is shared. */
export interface ApiAdapter {
  /** The wire format, recorded as `destination.api`. */
  readonly api: string;
  /** Recorded as `destination.provider` when the host is not a known service (`openai-compatible`, …). */
  readonly family: string;
  /**
   * Whether a request with this path (no query) and parsed JSON body speaks this format. The
   * path alone is never enough: the body must have the format's shape, or a `/messages` route
   * of any app would be read as Anthropic and its content skipped as configuration.
   */
  matches(path: string, body: unknown): boolean;
  /** The model, from the body, the path or (OpenAI Realtime) the query. */
  model(path: string, body: unknown, query: URLSearchParams): string | undefined;
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

/** The body is an object whose `key` is an array (`messages`). */
export function hasArray(body: unknown, key: string): boolean {
  return isRecord(body) && Array.isArray(body[key]);
}

/** The body is an object whose `key` is a string or an array (`input`, `prompt`). */
export function hasTextOrArray(body: unknown, key: string): boolean {
  return isRecord(body) && (typeof body[key] === 'string' || Array.isArray(body[key]));
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
