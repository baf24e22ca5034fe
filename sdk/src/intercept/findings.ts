/**
 * Aggregates scanner matches into the event's findings: one per (type, field), with a count, the
 * highest confidence, a few locations and up to three distinct samples (masked preview + keyed
 * fingerprint). No raw value passes through here.
 */
import type { ScanFinding } from '../detect/index';
import { LIMITS, type Action, type Finding } from '../schema';

/** What the scanner reports for one match. */
export type ScanMatch = ScanFinding;

const FINGERPRINT = /^[0-9a-f]{16,64}$/;

export class FindingAggregator {
  private readonly byKey = new Map<string, Finding>();
  private truncated = 0;

  add(field: string, match: ScanMatch, action: Action): void {
    const key = `${match.type}\u0000${field}`;
    let finding = this.byKey.get(key);
    if (!finding) {
      if (this.byKey.size >= LIMITS.findingsPerEvent) {
        this.truncated++;
        return;
      }
      finding = { type: match.type, category: match.category, count: 0, confidence: 0, field: field.slice(0, 300), locations: [], samples: [], action };
      this.byKey.set(key, finding);
    }
    finding.count++;
    finding.confidence = Math.max(finding.confidence, clamp01(match.confidence));
    if (finding.locations && finding.locations.length < LIMITS.locationsPerFinding) finding.locations.push({ start: match.start, end: match.end });
    this.addSample(finding, match);
  }

  private addSample(finding: Finding, match: ScanMatch): void {
    if (finding.samples.length >= LIMITS.samplesPerFinding) return;
    const fingerprint = match.fingerprint !== undefined && FINGERPRINT.test(match.fingerprint) ? match.fingerprint : undefined;
    const preview = match.preview.slice(0, 64);
    const seen = finding.samples.some((s) => (fingerprint !== undefined ? s.fingerprint === fingerprint : s.preview === preview));
    if (seen) return;
    finding.samples.push(fingerprint !== undefined ? { preview, fingerprint } : { preview });
  }

  get findings(): Finding[] {
    return [...this.byKey.values()];
  }

  /** Findings left out once `LIMITS.findingsPerEvent` was reached, or undefined when none were. */
  get truncatedFindings(): number | undefined {
    return this.truncated > 0 ? this.truncated : undefined;
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
