/**
 * The scanning engine behind `createScanner`, with the organisation's detectors already compiled.
 * It does not import the custom-detector compiler (regex parser, Pike VM, keyword trie), so
 * `createOutflow` loads that only for a policy that has custom detectors (see outflow.ts).
 */
import { OutflowConfigError } from '../errors';
import type { Category } from '../schema';
import { BUILTIN_DETECTORS } from './detectors/index';
import { buildPlan, visitAnchors } from './prefilter/index';
import { isExampleValue } from './example-values';
import { defaultMask, maskDefault, MAX_PREVIEW } from './mask';
import { checkFingerprintKey, keyedFingerprint } from './fingerprint';
import { resolveOverlaps } from './overlap';
import { ScanContext } from './context';
import { normalisedViews } from './normalise/index';
import { mapToOriginal, mergeDerived } from './normalise/merge';
import type { CustomMatcher } from './custom/index';
import type { ScanFinding, Scanner, ScannerOptions } from './scanner';
import { columnHeader, headerNames, isIdentifierHeader } from './tables/index';
import type { Detector, Span } from './types';

interface Candidate {
  start: number;
  end: number;
  priority: number;
  type: string;
  category: Category;
  confidence: number;
  normalised: string;
  /**
   * Builds the masked preview. Deferred: many candidates lose an overlap (the digits of a card
   * read as a phone number too), and a preview is only worth building for a reported finding.
   */
  mask: (value: string) => string;
  /**
   * Reported by no one, but it silences what overlaps it with a lower priority: a documented
   * example value, or a candidate its detector rejected but still claims (`claimsInvalid`).
   */
  silent?: true;
  /** The table column's header, when it is an identifier. */
  column?: string;
  /** The value as its detector read it, when that was in a normalised view of the text (see normalise/). */
  shown?: string;
}

/**
 * A detector as the scan loop reads it: every one has the same fields in the same order, so V8
 * reads them at a fixed offset. The detector files' object literals differ in their optional
 * fields, and a field read across more than four such shapes is a slow generic lookup, paid at
 * every anchor.
 */
class ScanDetector {
  readonly find: Detector['find'];
  readonly validate: NonNullable<Detector['validate']> | null;
  readonly normalise: NonNullable<Detector['normalise']> | null;
  readonly mask: (value: string) => string;
  readonly resumeAt: NonNullable<Detector['resumeAt']> | null;
  readonly claimsInvalid: boolean;
  readonly type: string;
  readonly category: Category;
  readonly confidence: number;
  readonly priority: number;

  constructor(detector: Detector) {
    this.find = detector.find;
    this.validate = detector.validate ?? null;
    this.normalise = detector.normalise ?? null;
    this.mask = detector.mask ?? defaultMask(detector.trigger);
    this.resumeAt = detector.resumeAt ?? null;
    this.claimsInvalid = detector.claimsInvalid ?? false;
    this.type = detector.id;
    this.category = detector.category;
    this.confidence = detector.confidence;
    this.priority = detector.priority;
  }
}

/** Custom findings are kept even when they overlap a built-in one, so they take no part in overlap ranking. */
const CUSTOM_PRIORITY = -1;

function checkTypes(option: string, requested: readonly string[] | undefined, known: ReadonlySet<string>): void {
  for (const type of requested ?? []) {
    if (!known.has(type)) throw new OutflowConfigError(`${option}: unknown type "${type.slice(0, 80)}" (known: ${[...known].join(', ')})`);
  }
}

/** The types a scanner with these custom detectors reports: every built-in id and `CUSTOM:<id>`. */
function typesKnownWith(custom: readonly CustomMatcher[]): Set<string> {
  return new Set([...BUILTIN_DETECTORS.map((d) => d.id), ...custom.map((c) => c.type)]);
}

/**
 * The scanner `createOutflow` builds from its policy. An entry of `disabledTypes` that names no
 * detector (stale or mistyped) turns nothing off: it goes to `report`, and must not stop the
 * detection of every other type.
 */
export function scannerForPolicy(disabledTypes: readonly string[], custom: readonly CustomMatcher[], report: (error: OutflowConfigError) => void): Scanner {
  const known = typesKnownWith(custom);
  const unknown = disabledTypes.filter((type) => !known.has(type));
  if (unknown.length > 0) report(new OutflowConfigError(`policy.disabledTypes: ${unknown.map((type) => `"${type.slice(0, 80)}"`).join(', ')} names no detector; ignored`));
  return buildScanner({ excludeTypes: disabledTypes.filter((type) => known.has(type)) }, custom);
}

/** `createScanner` with the custom detectors already compiled (`custom`). */
export function buildScanner(options: Omit<ScannerOptions, 'customDetectors'>, custom: readonly CustomMatcher[]): Scanner {
  const known = typesKnownWith(custom);
  checkTypes('types', options.types, known);
  checkTypes('excludeTypes', options.excludeTypes, known);
  const only = options.types === undefined ? null : new Set(options.types);
  const excluded = new Set(options.excludeTypes ?? []);
  const wanted = (type: string): boolean => (only === null || only.has(type)) && !excluded.has(type);

  const selected = BUILTIN_DETECTORS.filter((d) => wanted(d.id));
  const detectors = selected.map((d) => new ScanDetector(d));
  const customMatchers = custom.filter((c) => wanted(c.type));
  const plan = buildPlan(selected);
  if (options.fingerprintKey !== undefined) checkFingerprintKey(options.fingerprintKey, 'fingerprintKey');
  const fingerprintOf = options.fingerprintKey === undefined ? null : keyedFingerprint(options.fingerprintKey);
  const types = [...new Set([...detectors.map((d) => d.type), ...customMatchers.map((c) => c.type)])];

  /** Reported candidates, sorted by start. */
  function candidatesOf(text: string): Candidate[] {
    const lastEnd = new Int32Array(detectors.length).fill(-1);
    const context = new ScanContext();
    const builtins: Candidate[] = [];
    const detect = (detector: ScanDetector, index: number, anchor: number): void => {
      if (anchor < lastEnd[index]!) return;
      const span = detector.find(text, anchor, context);
      if (span === null) return;
      const value = text.slice(span.start, span.end);
      const normalised = detector.normalise !== null ? detector.normalise(value) : value;
      if (isExampleValue(normalised)) {
        lastEnd[index] = span.end;
        builtins.push(silentCandidate(detector, span));
        return;
      }
      if (detector.validate !== null && !detector.validate(value, text, span, context)) {
        if (detector.claimsInvalid) {
          // Its anchors inside the claimed span would only read the same shape again (`GT82 GT82 …`).
          lastEnd[index] = span.end;
          builtins.push(silentCandidate(detector, span));
        }
        return;
      }
      lastEnd[index] = span.end;
      builtins.push({
        start: span.start,
        end: span.end,
        priority: detector.priority,
        type: detector.type,
        category: detector.category,
        confidence: detector.confidence,
        normalised,
        mask: detector.mask,
      });
    };
    visitAnchors(text, plan, (index, anchor) => {
      const detector = detectors[index]!;
      detect(detector, index, anchor);
      return detector.resumeAt === null ? lastEnd[index]! : Math.max(lastEnd[index]!, detector.resumeAt(context));
    });
    // Silent candidates take part in overlap resolution, so the digits inside a documentation IBAN are not a PHONE.
    const candidates = resolveOverlaps(builtins).filter((c) => c.silent !== true);
    for (const matcher of customMatchers) for (const candidate of customCandidates(matcher, text)) candidates.push(candidate);
    candidates.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const candidate of candidates) placeInColumn(candidate, text, context);
    return candidates;
  }

  /**
   * Adds to the text's own candidates what its normalised views reveal: values behind zero-width
   * characters, compatibility forms, escapes or base64 (see normalise/). Most texts have no view.
   */
  function withNormalised(text: string, candidates: Candidate[]): Candidate[] {
    const views = normalisedViews(text);
    if (views.length === 0) return candidates;
    const derived: Candidate[] = [];
    for (const view of views) for (const candidate of mapToOriginal(candidatesOf(view.text), view)) derived.push(candidate);
    return mergeDerived(candidates, derived, (candidate) => candidate.priority === CUSTOM_PRIORITY);
  }

  function scan(text: string): ScanFinding[] {
    const candidates = withNormalised(text, candidatesOf(text));
    // A prompt often repeats a value (the same e-mail in a thread): hash each distinct value once.
    // The memo lives for this scan only, so no raw value outlives the call.
    const memo = new Map<string, string>();
    const fingerprintOnce =
      fingerprintOf === null
        ? null
        : (normalised: string): string => {
            let fp = memo.get(normalised);
            if (fp === undefined) memo.set(normalised, (fp = fingerprintOf(normalised)));
            return fp;
          };
    return candidates.map((c) => toFinding(c, text, fingerprintOnce));
  }

  function scanWithValues(text: string): { findings: ScanFinding[]; values: string[] } {
    const candidates = withNormalised(text, candidatesOf(text));
    return { findings: candidates.map((c) => toFinding(c, text, null)), values: candidates.map((c) => c.normalised) };
  }

  return { scan, scanWithValues, types };
}

function silentCandidate(detector: ScanDetector, span: Span): Candidate {
  return { start: span.start, end: span.end, priority: detector.priority, type: detector.type, category: detector.category, confidence: 0, normalised: '', mask: maskDefault, silent: true };
}

/**
 * Records the table column a finding sits in, and trusts it more where the header names its type
 * (a phone number in a `phone` column): halfway from its confidence to certainty.
 */
function placeInColumn(candidate: Candidate, text: string, context: ScanContext): void {
  const header = columnHeader(text, candidate.start, context);
  if (header === null) return;
  if (isIdentifierHeader(header)) candidate.column = header;
  if (headerNames(header, candidate.type)) candidate.confidence += (1 - candidate.confidence) / 2;
}

function customCandidates(matcher: CustomMatcher, text: string): Candidate[] {
  return matcher.findAll(text).map((span) => {
    const value = text.slice(span.start, span.end);
    return {
      start: span.start,
      end: span.end,
      priority: CUSTOM_PRIORITY,
      type: matcher.type,
      category: matcher.category,
      confidence: matcher.confidence,
      normalised: matcher.normalise(value),
      mask: matcher.mask,
    };
  });
}

function toFinding(candidate: Candidate, text: string, fingerprintOf: ((normalised: string) => string) | null): ScanFinding {
  const finding: ScanFinding = {
    type: candidate.type,
    category: candidate.category,
    start: candidate.start,
    end: candidate.end,
    confidence: candidate.confidence,
    // Masked as its detector read it: `j•••@c•••.com` for `jane%40corp-mail.com` too.
    preview: candidate.mask(candidate.shown ?? text.slice(candidate.start, candidate.end)).slice(0, MAX_PREVIEW),
  };
  if (fingerprintOf !== null) finding.fingerprint = fingerprintOf(candidate.normalised);
  if (candidate.column !== undefined) finding.column = candidate.column;
  return finding;
}
