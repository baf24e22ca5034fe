/**
 * `npm run bench` section `accuracy`: the shipped scanner (`createScanner()`) on both halves of
 * the real-world corpus and on each peer suite. See test/fixtures/corpus/README.md and
 * test/fixtures/peer-suites/README.md for what is measured and how.
 */
import { createScanner } from '../sdk/src/detect/index';
import { HALVES } from '../test/fixtures/corpus/real-world';
import { halfReport, peerReports } from './accuracy-report';

export default async function accuracyBench(): Promise<object> {
  const scanner = createScanner();
  const halves: Record<string, object> = {};
  for (const half of HALVES) halves[half] = halfReport(scanner, half);
  return { ...halves, peerSuites: peerReports(scanner) };
}
