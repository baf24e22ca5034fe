/**
 * What a site adapter is: one per AI web app, in `sites/<app>/`, like a detector — its page-world
 * match rules (`wire.ts`), its reader and composer selectors (`adapter.ts`), a version, and
 * recorded requests of the site (`fixtures/*.json`) that `test/unit/sites` reads with it and that
 * fail loudly when the reader no longer understands them.
 */
import type { Attachment, TextField, UnscannedPart } from '@outflow/sdk/internal/capture';
import type { WireRequest } from './wire-types';

/** The seven AI web apps the extension reads. Recorded as `source.app`. */
export const APP_IDS = ['chatgpt', 'claude', 'gemini', 'copilot', 'perplexity', 'deepseek', 'mistral'] as const;
export type AppId = (typeof APP_IDS)[number];

/**
 * The page-world half of an adapter, bundled into the MAIN-world script: plain patterns and tiny
 * functions only (nothing that imports zod, the scanner or the extension APIs).
 */
export interface SiteWire {
  app: AppId;
  /** Scheme and host, exactly: the wrapper runs only where `location.origin` equals it. */
  origin: string;
  /** fetch and XHR requests other than GET/HEAD whose full URL matches one of these are handed over. */
  http: readonly RegExp[];
  /** WebSocket URLs whose client frames are handed over. */
  websocket?: readonly RegExp[];
  /**
   * A response the app itself fetches that names the signed-in account (read from a clone, never
   * an extra request). `email` picks the address out of its JSON; only its domain leaves the page world.
   */
  account?: { url: RegExp; email(json: unknown): unknown };
  /** Where the page itself names the account once it has loaded (a global the app sets): read once, in the page's world. */
  pageEmail?: () => unknown;
}

/** `send`: the prompt leaves; `typing`: text leaves before Send (suggestions, prefetch); `upload`: a file or its name. */
export type RequestKind = 'send' | 'typing' | 'upload';

/**
 * A part of a request that was not scanned, and why: the SDK's own account, recorded in the
 * event's `coverage`. For a file, `mimeType` is the type the page declared (the wrapper does not
 * read a file's bytes to sniff it), which `Policy.unscannableAllowedTypes` is matched against.
 */
export type Unscanned = UnscannedPart;

/** What an adapter read from one request. */
export interface Reading {
  kind: RequestKind;
  /** Recorded as `destination.api`: `chatgpt.conversation`, `claude.upload`, … */
  api: string;
  /** The text that leaves, each with its field path; `replace` rewrites it in place for redaction. */
  fields: TextField[];
  attachments: Attachment[];
  unscanned: Unscanned[];
  model?: string;
  stream: boolean;
  /** The request body after `replace` calls, or undefined when this request cannot be rewritten. */
  serialise(): string | undefined;
}

/**
 * `ignore`: not a disclosure (a setting, a title, telemetry). `unparsed`: it looks like a send but
 * the adapter cannot read it — counted as degraded capture, and its strings are still scanned.
 */
export type ReadResult = Reading | { kind: 'ignore' } | { kind: 'unparsed'; reason: string };

export interface SiteAdapter {
  wire: SiteWire;
  /** As people know it: `ChatGPT`, `Le Chat`. */
  name: string;
  /** Recorded as `destination.provider`. */
  provider: string;
  /** Changes whenever the reader's idea of the site changes; capture health is counted per version. */
  version: string;
  /** CSS selectors of the composer's input, its send button and its file inputs (paste, drop and file checks). */
  composer: { input: string; send: string; files: string };
  read(request: WireRequest, url: URL): ReadResult;
}
