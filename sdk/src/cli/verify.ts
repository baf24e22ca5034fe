/**
 * `outflow verify EXPORT.json`: checks an extension export's records — its digest, its hash
 * chain and the signed checkpoints — and names the first broken link, a gap, or a rewritten
 * history. Exit 0 verified, 1 verification failed, 2 not a verifiable export or bad usage.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { ChainProof } from '../chain/index';
import { ChainProofSchema, verifyChain, type VerifyReference } from '../chain/verify';
import { oneOf, parseCommandArgs } from './args';
import { CliUsageError, EXIT, type ExitCode } from './errors';
import { verifyHelp } from './help';
import { describeFsError } from './input';
import { describeZodIssues } from './zod-issues';

export interface VerifyIO {
  stdout: Writable;
  stderr: Writable;
}

interface ExportFile {
  digest?: { value?: unknown };
  sessions?: unknown;
  events?: unknown;
  chain?: unknown;
  format?: unknown;
}

function readExportFile(path: string): ExportFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${path}: ${describeFsError(error)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CliUsageError(`${path}: not valid JSON (an export is one JSON document)`);
  }
  if (typeof doc !== 'object' || doc === null || (doc as ExportFile).format !== 'outflow-export') throw new CliUsageError(`${path}: not an Outflow export (its "format" must be "outflow-export")`);
  return doc as ExportFile;
}

function proofOf(path: string, doc: ExportFile): ChainProof {
  if (doc.chain === undefined) throw new CliUsageError(`${path}: this export carries no hash chain (it was made by an extension version without verifiable records), so it cannot be verified`);
  const parsed = ChainProofSchema.safeParse(doc.chain);
  if (!parsed.success) throw new CliUsageError(`${path}: its chain is malformed: ${describeZodIssues(parsed.error)}`);
  return parsed.data as ChainProof;
}

export async function runVerify(argv: string[], io: VerifyIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, {
    'trusted-key': { type: 'string' },
    previous: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(verifyHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new CliUsageError('verify needs exactly one EXPORT.json', { showHelpHint: true });
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  const trustedKey = values['trusted-key'];
  if (trustedKey !== undefined && !/^[0-9a-f]{16}$/.test(trustedKey)) throw new CliUsageError('--trusted-key is a 16-hex-character key id, as printed by an earlier verify', { showHelpHint: true });
  const path = positionals[0]!;
  const doc = readExportFile(path);
  const proof = proofOf(path, doc);
  const reference: VerifyReference = {};
  if (trustedKey !== undefined) reference.trustedKeyId = trustedKey;
  if (values.previous !== undefined) reference.previous = proofOf(values.previous, readExportFile(values.previous));

  // The digest covers the sessions and events exactly as they appear in the file.
  const digest = createHash('sha256').update(JSON.stringify({ sessions: doc.sessions, events: doc.events })).digest('hex');
  const events = Array.isArray(doc.events) ? doc.events : [];
  const malformed = events.findIndex((e) => typeof e !== 'object' || e === null || typeof (e as { id?: unknown }).id !== 'string');
  if (malformed >= 0) throw new CliUsageError(`${path}: event ${malformed} has no id`);
  const report =
    digest !== doc.digest?.value
      ? { ok: false, kind: 'digest', problem: 'the file was modified after export: its SHA-256 digest does not match its sessions and events', keyId: proof.signing.keyId }
      : await verifyChain(proof, events as (Record<string, unknown> & { id: string })[], reference);

  if (format === 'json') io.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok && 'headSeq' in report) {
    const r = report;
    io.stdout.write(
      `verified: ${r.events} events, chain links ${r.firstSeq}–${r.headSeq}, ${r.checkpoints} signed checkpoints by key ${r.keyId}` +
        (r.lastCheckpoint ? `, last signed ${r.lastCheckpoint.at} at seq ${r.lastCheckpoint.seq}` : '') +
        (r.unsigned > 0 ? `; ${r.unsigned} newer links not yet signed` : '') +
        '\n',
    );
  } else io.stdout.write(`NOT verified: ${report.problem}\n`);
  return report.ok ? EXIT.ok : EXIT.found;
}
