/**
 * Accuracy on the real-world corpus and the peer suites, from the command line:
 *
 *   npx tsx bench/accuracy.ts                          figures for every half and peer suite (JSON)
 *   npx tsx bench/accuracy.ts --half dev --misses      every miss and false positive of the dev half
 *   npx tsx bench/accuracy.ts --peer gitleaks --misses the failed cases of one peer suite
 *     [--type GENERIC_SECRET] [--kind missed|false-positive] [--limit 50]
 *
 * The held-out half is never listed case by case: detectors must not be tuned on it, so only
 * its aggregate figures are printed.
 */
import { parseArgs } from 'node:util';
import { createScanner } from '../sdk/src/detect/index';
import { listMistakes } from '../test/fixtures/corpus/accuracy';
import { HALVES, corpusHalf, type Half } from '../test/fixtures/corpus/real-world';
import { loadPeerSuite, PEERS, type PeerName } from '../test/fixtures/peer-suites/index';
import { failedCases } from '../test/fixtures/peer-suites/score';
import { halfReport, peerReport, peerReports } from './accuracy-report';

const { values } = parseArgs({
  options: {
    half: { type: 'string' },
    peer: { type: 'string' },
    misses: { type: 'boolean', default: false },
    type: { type: 'string' },
    kind: { type: 'string' },
    limit: { type: 'string', default: '200' },
  },
  strict: true,
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const scanner = createScanner();
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) fail('--limit takes a positive whole number');

if (values.half !== undefined && values.half !== 'dev' && values.half !== 'heldout') fail('--half is dev or heldout');
if (values.peer !== undefined && !(PEERS as readonly string[]).includes(values.peer)) fail(`--peer is one of ${PEERS.join(', ')}`);
if (values.kind !== undefined && values.kind !== 'missed' && values.kind !== 'false-positive') fail('--kind is missed or false-positive');

if (!values.misses) {
  const out: Record<string, object> = {};
  if (values.half !== undefined) out[values.half] = halfReport(scanner, values.half as Half);
  else if (values.peer === undefined) for (const half of HALVES) out[half] = halfReport(scanner, half);
  if (values.peer !== undefined) out[values.peer] = peerReport(scanner, values.peer as PeerName);
  else if (values.half === undefined) out.peerSuites = peerReports(scanner);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else if (values.peer !== undefined) {
  const failed = failedCases(scanner, loadPeerSuite(values.peer as PeerName)).filter((o) => values.type === undefined || o.case.expect === values.type || (o.case.types ?? []).includes(values.type));
  for (const o of failed.slice(0, limit)) {
    const c = o.case;
    const verdict = c.expect === 'none' ? `should not find ${(c.types ?? []).join('/')}` : `missed ${c.expect} ${JSON.stringify(c.value)}`;
    const reported = o.findings.map((f) => `${f.type} ${JSON.stringify(c.text.slice(f.start, f.end))}`).join('; ') || 'nothing';
    process.stdout.write(`${c.id}  ${verdict}${c.disputed ? '  [disputed]' : ''}\n  reported: ${reported}\n  text: ${JSON.stringify(c.text.length > 300 ? `${c.text.slice(0, 300)}…` : c.text)}\n`);
  }
  process.stdout.write(`${failed.length} failed case(s)${failed.length > limit ? `, first ${limit} shown` : ''}\n`);
} else {
  if (values.half !== 'dev') fail('--misses lists the dev half only (--half dev) or a peer suite (--peer NAME): the held-out half is reported as figures, never case by case');
  const mistakes = listMistakes(scanner, corpusHalf('dev')).filter((m) => (values.type === undefined || m.type === values.type) && (values.kind === undefined || m.kind === values.kind));
  for (const m of mistakes.slice(0, limit)) {
    const instead = m.reportedAs.length > 0 ? `  (${m.kind === 'missed' ? 'reported as' : 'overlaps'} ${m.reportedAs.join('; ')})` : '';
    process.stdout.write(`${m.kind} ${m.type} ${JSON.stringify(m.value)} in document ${m.document} (${m.documentKind})${instead}\n  ${m.context}\n`);
  }
  process.stdout.write(`${mistakes.length} mistake(s)${mistakes.length > limit ? `, first ${limit} shown` : ''}\n`);
}
