/** `createScanner`: compile the detectors and the prefilter once, then scan many texts. */
import type { Category, CustomDetectorConfig } from '../schema';
import { compileCustomDetectors } from './custom/index';
import { buildScanner } from './engine';

/** One sensitive value found in a text. Never carries the value itself. */
export interface ScanFinding {
  /** `EMAIL`, `AWS_ACCESS_KEY`, …, or `CUSTOM:<id>`. */
  type: string;
  category: Category;
  /** JavaScript string indices into the scanned text, `[start, end)`. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
  /** Masked, at most 64 characters: `j•••@a•••.com`, `AKIA••••••••••••MPLE`. */
  preview: string;
  /** First 32 hex characters of HMAC-SHA-256 over the normalised value; present when a `fingerprintKey` was given. */
  fingerprint?: string;
  /**
   * The table column the value sits in, when a header names it and the name is an identifier
   * (`ssn`, `card_number`, a JSON key, an `INSERT` column): see docs/detectors.md, "Tables".
   */
  column?: string;
}

export interface ScannerOptions {
  /** Organisation detectors, validated with `CustomDetectorSchema`. @default [] */
  customDetectors?: CustomDetectorConfig[];
  /** Report only these types (built-in or `CUSTOM:<id>`). @default every type */
  types?: string[];
  /** Report every type but these. @default [] */
  excludeTypes?: string[];
  /** Key for finding fingerprints, at least 32 bytes (shorter throws `OutflowConfigError`); without it findings carry no fingerprint. @default undefined */
  fingerprintKey?: string | Uint8Array;
}

export interface Scanner {
  /** Findings sorted by start, overlaps between built-in types resolved (see overlap.ts). */
  scan(text: string): ScanFinding[];
  /**
   * The same findings without fingerprints, and each one's normalised value (`values[i]` for
   * `findings[i]`), for a caller that fingerprints later, off its hot path: the SDK does so once
   * the call is over. The values are raw data: use them in memory, never store or send them.
   */
  scanWithValues(text: string): { findings: ScanFinding[]; values: string[] };
  /** The types this scanner reports. */
  readonly types: readonly string[];
}

/** Compiles `options` (custom detectors included: an invalid one throws `OutflowConfigError`) into a scanner. */
export function createScanner(options: ScannerOptions = {}): Scanner {
  return buildScanner(options, compileCustomDetectors(options.customDetectors ?? []));
}
