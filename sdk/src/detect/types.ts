/**
 * The shape every detector file exports. A detector is data plus two small functions: `find`
 * locates a candidate around an anchor the prefilter found, `validate` applies the checksum or
 * heuristic that turns a shape into a finding. See docs/detectors.md, "How to add a detector".
 */
import type { Category } from '../schema';
import type { ScanContext } from './context';

/**
 * What makes the prefilter call a detector. Each kind is one cheap pass over the text
 * (`indexOf` or a simple global regex); a detector only ever runs at the anchors of its kind.
 */
export type Trigger =
  /** Case-sensitive literal token prefixes (`AKIA`, `ghp_`, `-----BEGIN`); anchors sit at a token start. */
  | { readonly kind: 'prefix'; readonly prefixes: readonly string[] }
  /**
   * An assignment operator, `:` or `=`, right after a name (`DB_PASSWORD=`, `"apiKey":`,
   * `x-api-key:`; spaces, tabs and a closing quote may sit between), whose last word may be one
   * of `lastWords` (lower case, three letters or more): the anchor is the operator. A text holds
   * far fewer operators than letters, so this costs two `indexOf` sweeps where a keyword regex
   * would try every letter, and the prefilter checks that the name ends with one of the words
   * (case-insensitively), so most operators (`"name":`, `id=`) never reach the detector.
   */
  | { readonly kind: 'assignment'; readonly lastWords: readonly string[] }
  /**
   * Lower-case keywords matched case-insensitively anywhere (`aws`, `secret`). With
   * `followedByRun`, a keyword counts only where a run of at least `minLength` base64 characters
   * (`A–Z a–z 0–9 + /`) starts at or after it and fits within `within` characters of its start:
   * the prefilter checks that with one forward search, so a keyword repeated thousands of times
   * away from any key costs nothing per hit. All keyword triggers share one condition, or none.
   */
  | { readonly kind: 'keyword'; readonly keywords: readonly string[]; readonly followedByRun?: RunCondition }
  /**
   * An `@`. `requires` names a cheap necessary condition checked before the detector is called,
   * so text dense with `@` (`a@a@a@…`) costs a few `indexOf` calls rather than a call per `@`:
   * `dotted-domain`, a `.` after the `@` followed by at least two characters before the next `@`
   * (an e-mail domain ends with a dot and a top-level domain of two letters or more);
   * `colon-before`, a `:` since the previous `@` (a `user:password@` userinfo).
   */
  | { readonly kind: 'at'; readonly requires?: 'dotted-domain' | 'colon-before' }
  /**
   * A command-line option: a `-` or `--` right after whitespace, a quote or the start of the
   * text, followed by a letter (`-p`, `--password`, PowerShell's `-AsPlainText`); the anchor is
   * the first `-`.
   */
  | { readonly kind: 'option' }
  /** Each digit group (a digit after a non-digit) inside a run of digits and separators holding at least four digits. */
  | { readonly kind: 'digits' }
  /** Two letters (of either case) then two digits, optionally split by one space, at a word start (IBAN, NINO). */
  | { readonly kind: 'letters-digits' }
  /**
   * A colon followed by up to four hex digits and another colon (IPv6), once per run of hex
   * digits and colons, and only when the run (up to 45 characters back) holds at least two
   * colons and three hex digits.
   */
  | { readonly kind: 'hex-colon' };

/** See the `keyword` trigger. */
export interface RunCondition {
  readonly minLength: number;
  readonly within: number;
}

/** A half-open span `[start, end)` of JavaScript string indices. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Must-match and must-not-match samples, run by test/unit/detect/examples.test.ts. */
export interface DetectorExamples {
  /** Each string must yield at least one finding of this detector's type. */
  readonly match: readonly string[];
  /** Each string must yield no finding of this detector's type. */
  readonly noMatch: readonly string[];
}

export interface Detector {
  /** The finding type, UPPER_SNAKE_CASE. */
  readonly id: string;
  readonly category: Category;
  /** One line for docs/detectors.md. */
  readonly description: string;
  readonly trigger: Trigger;
  /** Confidence given to a validated match, 0..1. */
  readonly confidence: number;
  /**
   * Wins overlaps: when two findings overlap, the higher priority is kept (a JWT over the
   * GENERIC_SECRET around it, a PASSWORD_IN_URL over the EMAIL-like `pass@host`).
   */
  readonly priority: number;
  /**
   * Locate a candidate at or around `anchor`; must look at a bounded window only. `context` is
   * this scan's scratch space (see context.ts), for work shared between anchors or detectors.
   */
  find(text: string, anchor: number, context: ScanContext): Span | null;
  /**
   * The position before which this detector needs no more anchors in the scan `context` belongs
   * to, because it has read past them; absent means it always wants them.
   */
  resumeAt?(context: ScanContext): number;
  /**
   * Checksum, context or plausibility check on the candidate value; absent means accept.
   * `context` is the scan's, as `find` gets it (a table column's header, see tables/).
   */
  validate?(value: string, text: string, span: Span, context: ScanContext): boolean;
  /**
   * Whether a candidate that `validate` rejects still claims its span: a lower-priority finding
   * overlapping it is dropped, as for a documented example value. For shapes specific enough to
   * be nothing else: the digits of a mistyped IBAN are not a phone number. @default false
   */
  readonly claimsInvalid?: boolean;
  /** The form fingerprinted, so `4111-1111…` and `4111 1111…` fingerprint alike. @default identity */
  normalise?(value: string): string;
  /** A preview safe to store, at most 64 characters. @default a generic mask keeping the ends of long values */
  mask?(value: string): string;
  readonly examples: DetectorExamples;
}
