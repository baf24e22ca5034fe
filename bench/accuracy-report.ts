/**
 * Accuracy figures as plain JSON, shared by the `accuracy` benchmark section and the
 * `bench/accuracy.ts` command: per-type precision and recall, micro F1 and hard-negative share
 * for each half of the real-world corpus, and case recall / false-positive rate per peer suite.
 */
import type { Scanner } from '../sdk/src/detect/index';
import { measureAccuracy } from '../test/fixtures/corpus/accuracy';
import { corpusHalf, type Half } from '../test/fixtures/corpus/real-world';
import { loadPeerSuite, PEERS, type PeerName } from '../test/fixtures/peer-suites/index';
import { scorePeerSuite, type PeerScore } from '../test/fixtures/peer-suites/score';

const round = (n: number): number => Number(n.toFixed(4));

export function halfReport(scanner: Scanner, half: Half): object {
  const documents = corpusHalf(half);
  const report = measureAccuracy(scanner, documents);
  const perType: Record<string, { labelled: number; found: number; precision: number; recall: number }> = {};
  for (const [type, e] of Object.entries(report.perType).sort(([a], [b]) => a.localeCompare(b))) {
    perType[type] = { labelled: e.planted, found: e.found, precision: round(e.precision), recall: round(e.recall) };
  }
  return {
    documents: documents.length,
    labelled: documents.reduce((n, d) => n + d.planted.length, 0),
    micro: { precision: round(report.micro.precision), recall: round(report.micro.recall), f1: round(report.micro.f1) },
    hardNegativeDocuments: report.hardNegativeDocuments,
    hardNegativeFlaggedShare: round(report.hardNegativeFlaggedShare),
    perType,
  };
}

export function peerReport(scanner: Scanner, peer: PeerName): object {
  return summarise(scorePeerSuite(scanner, loadPeerSuite(peer)));
}

function summarise(score: PeerScore): object {
  const perType: Record<string, { cases: number; recall: number }> = {};
  for (const [type, e] of Object.entries(score.perType).sort(([a], [b]) => a.localeCompare(b))) perType[type] = { cases: e.cases, recall: round(e.recall) };
  const perTypeShouldNot: Record<string, { cases: number; falsePositives: number }> = {};
  for (const [type, e] of Object.entries(score.perTypeShouldNot).sort(([a], [b]) => a.localeCompare(b))) perTypeShouldNot[type] = { cases: e.cases, falsePositives: e.failed };
  return {
    shouldMatch: score.shouldMatch,
    shouldNot: score.shouldNot,
    caseRecall: round(score.caseRecall),
    falsePositiveRate: round(score.falsePositiveRate),
    anyFindingRate: round(score.anyFindingRate),
    disputed: score.disputed,
    undisputed: { caseRecall: round(score.undisputed.caseRecall), falsePositiveRate: round(score.undisputed.falsePositiveRate), anyFindingRate: round(score.undisputed.anyFindingRate) },
    perType,
    perTypeShouldNot,
  };
}

/**
 * Every suite's figures, and `overall`: case recall and false-positive rate pooled over all
 * cases (gitleaks, with most cases, weighs most) and averaged over the suites (each weighs one).
 */
export function peerReports(scanner: Scanner): Record<string, object> {
  const scores = PEERS.map((peer) => scorePeerSuite(scanner, loadPeerSuite(peer)));
  const sum = (f: (s: (typeof scores)[number]) => number): number => scores.reduce((n, s) => n + f(s), 0);
  const matched = sum((s) => s.shouldMatch);
  const shouldNot = sum((s) => s.shouldNot);
  return {
    ...Object.fromEntries(PEERS.map((peer, i) => [peer, summarise(scores[i]!)])),
    overall: {
      shouldMatch: matched,
      shouldNot,
      pooledCaseRecall: round(sum((s) => s.caseRecall * s.shouldMatch) / matched),
      pooledFalsePositiveRate: round(sum((s) => s.falsePositiveRate * s.shouldNot) / shouldNot),
      meanCaseRecall: round(sum((s) => s.caseRecall) / scores.length),
      meanFalsePositiveRate: round(sum((s) => s.falsePositiveRate) / scores.length),
    },
  };
}
