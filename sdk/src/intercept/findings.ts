/**
 * Aggregates scanner matches into the event's findings: one per (type, field), with a count, the
 * highest confidence, a few locations, the table columns named and up to three distinct samples
 * (masked preview + keyed fingerprint). Raw values are held only until their fingerprints are computed, and never leave.
 */
import type { ScanFinding } from '../detect/index';
import { ColumnNameSchema, LIMITS, type Action, type Finding } from '../schema';

/** What the scanner reports for one match. */
export type ScanMatch = ScanFinding;

const FINGERPRINT = /^[0-9a-f]{16,64}$/;

interface PendingSample {
  preview: string;
  fingerprint?: string;
  /** The normalised value, kept in memory until the fingerprint is computed; never stored. */
  value?: string;
}

type PendingFinding = Omit<Finding, 'samples'> & { samples: PendingSample[] };

/**
 * `fingerprintOf`, when given, fingerprints the values that `add` received, once, when the
 * findings are first read: for an allowed call that is after the call, off its path.
 */
export class FindingAggregator {
  private readonly byKey = new Map<string, PendingFinding>();
  private truncated = 0;
  private resolved: Finding[] | undefined;

  constructor(private readonly fingerprintOf?: (value: string) => string) {}

  /** `value`: the match's normalised value, when the scanner gave it (see `Scanner.scanWithValues`). */
  add(field: string, match: ScanMatch, action: Action, value?: string): void {
    const key = `${match.type}\u0000${field}`;
    let finding = this.byKey.get(key);
    if (!finding) {
      if (this.byKey.size >= LIMITS.findingsPerEvent) {
        this.truncated++;
        return;
      }
      finding = { type: match.type, category: match.category, count: 0, confidence: 0, field, locations: [], samples: [], action };
      this.byKey.set(key, finding);
    }
    finding.count++;
    finding.confidence = Math.max(finding.confidence, clamp01(match.confidence));
    if (finding.locations && finding.locations.length < LIMITS.locationsPerFinding) finding.locations.push({ start: match.start, end: match.end });
    if (match.column !== undefined) addColumn(finding, match.column);
    this.addSample(finding, match, this.fingerprintOf ? value : undefined);
  }

  private addSample(finding: PendingFinding, match: ScanMatch, value: string | undefined): void {
    if (finding.samples.length >= LIMITS.samplesPerFinding) return;
    const fingerprint = match.fingerprint !== undefined && FINGERPRINT.test(match.fingerprint) ? match.fingerprint : undefined;
    const preview = match.preview.slice(0, 64);
    // Distinct values: by the value itself while it is at hand, else by fingerprint, else by preview.
    const seen = finding.samples.some((s) => (value !== undefined ? s.value === value : fingerprint !== undefined ? s.fingerprint === fingerprint : s.preview === preview));
    if (seen) return;
    const sample: PendingSample = { preview };
    if (value !== undefined) sample.value = value;
    else if (fingerprint !== undefined) sample.fingerprint = fingerprint;
    finding.samples.push(sample);
  }

  /** The findings, fingerprints computed (once per distinct value) and the values dropped. */
  get findings(): Finding[] {
    if (this.resolved !== undefined) return this.resolved;
    const memo = new Map<string, string>();
    const fingerprintOf = (value: string): string | undefined => {
      let fingerprint = memo.get(value);
      if (fingerprint === undefined) {
        try {
          fingerprint = this.fingerprintOf!(value);
        } catch {
          // A sample without a fingerprint is still a sample; this runs where no error may escape.
          return undefined;
        }
        memo.set(value, fingerprint);
      }
      return fingerprint;
    };
    this.resolved = [...this.byKey.values()].map((finding) => ({
      ...finding,
      samples: finding.samples.map(({ preview, fingerprint, value }) => {
        const fp = value !== undefined ? fingerprintOf(value) : fingerprint;
        return fp !== undefined ? { preview, fingerprint: fp } : { preview };
      }),
    }));
    this.byKey.clear();
    return this.resolved;
  }

  /** Findings left out once `LIMITS.findingsPerEvent` was reached, or undefined when none were. */
  get truncatedFindings(): number | undefined {
    return this.truncated > 0 ? this.truncated : undefined;
  }
}

/** Records a column name once per finding, up to the limit; the scanner gives only identifier headers, the schema checks again. */
function addColumn(finding: PendingFinding, column: string): void {
  const columns = (finding.columns ??= []);
  if (columns.length < LIMITS.columnsPerFinding && !columns.includes(column) && ColumnNameSchema.safeParse(column).success) columns.push(column);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
