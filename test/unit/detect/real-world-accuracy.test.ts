/**
 * Regression floors for the shipped scanner on data the detectors were not written against:
 * the real-world corpus halves (test/fixtures/corpus/README.md) and the peers' public test
 * suites (test/fixtures/peer-suites/README.md). The floors sit a little below what the scanner
 * measured when they were set (see the README's "Measured" section), so they catch a
 * regression without steering the detectors; raise them as the detectors improve.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../sdk/src/detect/index';
import { measureAccuracy } from '../../fixtures/corpus/accuracy';
import { HALVES, corpusHalf, type Half } from '../../fixtures/corpus/real-world';
import { loadPeerSuite, type PeerName } from '../../fixtures/peer-suites/index';
import { scorePeerSuite } from '../../fixtures/peer-suites/score';

/** Micro F1 at least, share of hard-negative documents flagged at most. */
const HALF_FLOORS: Readonly<Record<Half, { f1: number; flagged: number }>> = {
  dev: { f1: 0.87, flagged: 0.32 },
  heldout: { f1: 0.85, flagged: 0.25 },
};

/** Case recall at least, false-positive rate on should-not cases at most. */
const PEER_FLOORS: Readonly<Record<PeerName, { recall: number; falsePositives: number }>> = {
  gitleaks: { recall: 0.46, falsePositives: 0.12 },
  secretlint: { recall: 0.65, falsePositives: 0.03 },
  'detect-secrets': { recall: 0.35, falsePositives: 0.06 },
  presidio: { recall: 0.7, falsePositives: 0.03 },
  'python-stdnum': { recall: 0.35, falsePositives: 0.2 },
  'validator-js': { recall: 0.64, falsePositives: 0.15 },
};

const scanner = createScanner();

describe('real-world corpus', () => {
  for (const half of HALVES) {
    test(`${half} half: micro F1 ≥ ${HALF_FLOORS[half].f1}, hard-negative documents flagged ≤ ${HALF_FLOORS[half].flagged}`, () => {
      const report = measureAccuracy(scanner, corpusHalf(half));
      assert.ok(report.micro.f1 >= HALF_FLOORS[half].f1, `micro F1 ${report.micro.f1.toFixed(4)}`);
      assert.ok(report.hardNegativeFlaggedShare <= HALF_FLOORS[half].flagged, `flagged ${report.hardNegativeFlaggedShare.toFixed(4)}`);
    });
  }
});

describe('peer suites', () => {
  for (const [peer, floor] of Object.entries(PEER_FLOORS) as [PeerName, { recall: number; falsePositives: number }][]) {
    test(`${peer}: case recall ≥ ${floor.recall}, false positives ≤ ${floor.falsePositives}`, () => {
      const score = scorePeerSuite(scanner, loadPeerSuite(peer));
      assert.ok(score.caseRecall >= floor.recall, `case recall ${score.caseRecall.toFixed(4)}`);
      assert.ok(score.falsePositiveRate <= floor.falsePositives, `false-positive rate ${score.falsePositiveRate.toFixed(4)}`);
    });
  }
});
