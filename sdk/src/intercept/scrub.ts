/**
 * Keeps raw values out of events. The event builder passes every string of an event through
 * `scrubEvent`: all of them are masked except the few that cannot hold request data (ids, times,
 * enums, names from Outflow's own tables or the app's configuration, masked previews,
 * fingerprints), so a field added later is masked unless someone decides otherwise. Masking
 * runs the scanners (found values become `[TYPE]`), masks anything shaped like an e-mail address
 * (`[EMAIL]`) or a machine-made token (`[TOKEN]`), and cuts URLs in text to their origin and
 * masked path. The console, JSONL and OTLP sinks and `OutflowBlockedError` messages are made
 * from the scrubbed event.
 */
import { maskTokenShapes, hasTokenShape } from '../internal/token-shape';
import { isRecord, safeDecode } from '../providers/types';
import { redactText, TYPE_PLACEHOLDERS } from '../redact';

export interface Scrubber {
  /** Free text (an error message, a file name, a field path): found values and token-shaped runs masked, URLs cut to origin + masked path. */
  text(value: string): string;
  /** A URL path: each segment holding a found value or a token-shaped run replaced whole (`/v1/[GITHUB_TOKEN]/…`, `/[TOKEN]/sendMessage`). */
  path(value: string): string;
}

/** The part of a scanner the scrubber needs. */
export interface TextScanner {
  scan(text: string): readonly { start: number; end: number; type: string }[];
}

const TOKEN = '[TOKEN]';
/** What a string becomes when the scanner itself fails on it: nothing of it is kept. */
const NOT_SCANNED = '[NOT_SCANNED]';
const URL_IN_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s"'<>`]*/g;
/** Text is cut to this before masking: events keep at most 500 characters of any string. */
const MAX_TEXT = 4096;
/** A masked path keeps whole segments up to this length, then `/…`. */
const MAX_PATH = 1000;

/**
 * `scanners`: the built-in scanner first, then the app's replacement engine if it has one: a
 * value either of them finds is masked. The built-in scanner must read the text (until it is
 * loaded, or when loading failed, it cannot: see deferred-scanner.ts), else nothing of the text is
 * kept — the replacement engine alone does not vouch for it; a failing replacement is skipped.
 */
export function createScrubber(scanners: readonly [builtin: TextScanner, ...replacements: TextScanner[]]): Scrubber {
  const [builtin, ...replacements] = scanners;
  const scanner: TextScanner = {
    scan(text) {
      // Throws when the built-in scanner cannot read it: the caller keeps nothing of the text.
      const found = builtin.scan(text).map(({ start, end, type }) => ({ start, end, type }));
      for (const each of replacements) {
        try {
          for (const { start, end, type } of each.scan(text)) found.push({ start, end, type });
        } catch {
          // The built-in scanner has read it; the replacement's failure is its own (reported on the request path).
        }
      }
      return found;
    },
  };
  const maskValues = (text: string): string => maskTokenShapes(maskLooseEmails(redactText(text, scanner.scan(text), TYPE_PLACEHOLDERS)), TOKEN);

  function path(value: string): string {
    try {
      return maskPath(value);
    } catch {
      return `/${NOT_SCANNED}`;
    }
  }

  function maskPath(value: string): string {
    const all = value.split('/');
    const segments = all.slice(0, fittingSegments(all));
    const decoded = segments.map(safeDecode);
    // One scan for the whole path; a line break between segments keeps a match inside one.
    const ends: number[] = [];
    for (let i = 0, at = 0; i < decoded.length; i++) ends.push((at += decoded[i]!.length + (i === 0 ? 0 : 1)));
    const typeOf: (string | undefined)[] = [];
    let first = 0;
    const matches = [...scanner.scan(decoded.join('\n'))].sort((a, b) => a.start - b.start);
    for (const { start, end, type } of matches) {
      // Matches come sorted by start: the first segment they can touch only moves forward.
      while (first < ends.length && ends[first]! <= start) first++;
      for (let i = first; i < ends.length && ends[i]! - decoded[i]!.length < end; i++) typeOf[i] ??= type;
    }
    let out = '';
    for (let i = 0; i < segments.length; i++) {
      const type = typeOf[i];
      const segment = type !== undefined ? `[${type}]` : hasTokenShape(decoded[i]!) ? TOKEN : segments[i]!;
      if (out.length + segment.length + 1 > MAX_PATH) return `${out}/…`;
      out += i === 0 ? segment : `/${segment}`;
    }
    return segments.length < all.length ? `${out}/…` : out;
  }

  /** How many leading segments can fit in a masked path (a masked segment is at most a few characters longer than the value it hides). */
  function fittingSegments(segments: readonly string[]): number {
    let length = 0;
    let count = 0;
    while (count < segments.length && length <= 2 * MAX_PATH) length += segments[count++]!.length + 1;
    return count;
  }

  function cutUrl(url: string): string {
    try {
      const parsed = new URL(url);
      // No user info, query or fragment: each can hold a credential or the content itself.
      return `${parsed.protocol}//${parsed.host}${path(parsed.pathname)}`;
    } catch {
      return '[URL]';
    }
  }

  return {
    text(value) {
      const bounded = value.length > MAX_TEXT ? cutBefore(value, MAX_TEXT) : value;
      try {
        return maskValues(bounded.replace(URL_IN_TEXT, cutUrl));
      } catch {
        return NOT_SCANNED;
      }
    },
    path,
  };
}

/**
 * `text` cut to at most `max` characters. A cut through the middle of a value would leave a
 * piece no detector recognises, so the cut moves back before the value characters it would split.
 */
function cutBefore(text: string, max: number): string {
  let end = max;
  while (end > 0 && VALUE_CHAR.test(text[end - 1]!) && VALUE_CHAR.test(text[end]!)) end--;
  return `${text.slice(0, end)}…`;
}

const VALUE_CHAR = /[A-Za-z0-9_+/=.@:%-]/;

const EMAIL_PLACEHOLDER = '[EMAIL]';

/**
 * Anything shaped `local@domain.tld`, whatever follows it. The EMAIL detector is strict, to keep
 * findings precise, and passes over an address glued to more text (`jane@corp.com.pdf`,
 * `jane@corp.com-2024`); in a recorded string a looser mask costs nothing. Linear: each `@`
 * looks at the run around it once.
 */
function maskLooseEmails(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > copied && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    let lastDot = -1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 46) lastDot = end;
      end++;
    }
    // A dot with two characters after it, inside the domain: `corp.com`, not `corp.` or `host`.
    if (start === at || lastDot <= at + 1 || end - lastDot < 3) continue;
    out += text.slice(copied, start) + EMAIL_PLACEHOLDER;
    copied = end;
    at = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isLocalChar(code: number): boolean {
  return isDomainChar(code) || code === 95 || code === 37 || code === 43;
}

/** Letters, digits, `-` and `.`. */
function isDomainChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 46;
}

/** Strings recorded as they are, by where they sit in the event (array indices left out). */
const VERBATIM = new Set([
  'id',
  'timestamp',
  'sessionId',
  'source.kind',
  'source.sdkVersion',
  'source.app',
  'source.runtime',
  'destination.provider',
  'destination.api',
  'destination.host',
  'findings.type',
  'findings.category',
  'findings.action',
  'findings.samples.preview',
  'findings.samples.fingerprint',
  'decision',
  'error.kind',
  'notice.action',
  'notice.outcome',
  'notice.at',
  'coverage.unscanned.reason',
  'fingerprintKeyId',
  // Budget ids come from the policy; limits, signal kinds, windows and actions are enums.
  'budgets.id',
  'budgets.action',
  'budgets.exceeded',
  'signals.kind',
  'signals.window',
  'signals.action',
]);

const URL_PATHS = new Set(['destination.path']);

/**
 * Lists of names read from the request (a table's column headers): a name the scrubber would mask
 * is itself sensitive and names nothing a reviewer can use, so it is left out rather than kept
 * masked (a masked name is not an identifier, and the event would fail its own schema).
 */
const NAME_LISTS = new Set(['findings.columns']);

/** The schema's bound of each free-text string, applied after masking so a cut never exposes part of a value. */
const MAX_CHARS: Readonly<Record<string, number>> = {
  'destination.path': 1024,
  'destination.model': 200,
  'request.method': 16,
  'request.attachments.mimeType': 200,
  'request.attachments.name': 255,
  'findings.field': 300,
  'coverage.unscanned.where': 300,
  'error.message': 500,
};

/** `event` with every string that could carry request data masked (see the module comment). */
export function scrubEvent<T extends object>(event: T, scrubber: Scrubber): T {
  // Field paths repeat across findings and coverage: each distinct string is scanned once.
  const seen = new Map<string, string>();
  const text = (value: string): string => {
    let masked = seen.get(value);
    if (masked === undefined) seen.set(value, (masked = scrubber.text(value)));
    return masked;
  };
  const visit = (value: unknown, at: string): unknown => {
    if (typeof value === 'string') {
      if (VERBATIM.has(at)) return value;
      const masked = URL_PATHS.has(at) ? scrubber.path(value) : text(value);
      const max = MAX_CHARS[at];
      return max === undefined ? masked : masked.slice(0, max);
    }
    if (Array.isArray(value)) {
      if (NAME_LISTS.has(at)) return value.filter((item) => typeof item === 'string' && text(item) === item);
      return value.map((item) => visit(item, at));
    }
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        const path = at === '' ? key : `${at}.${key}`;
        const scrubbed = visit(child, path);
        if (NAME_LISTS.has(path) && Array.isArray(scrubbed) && scrubbed.length === 0) continue;
        out[key] = scrubbed;
      }
      return out;
    }
    return value;
  };
  return visit(event, '') as T;
}
