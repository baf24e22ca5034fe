/**
 * Reading FlowEvents from the files reviewers have: JSONL logs (one event per line, as the SDK's
 * `jsonlSink` writes them) and the extension's export documents (`{"format":"outflow-export",…}`).
 * Every event is validated with the shared schema. A bad JSONL line is described (file:line and
 * the reason, never the content) and skipped; an export is one document, so any problem in it
 * refuses the whole file — a reviewer must not half-load a damaged or edited export.
 */
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { FLOW_EVENT_SCHEMA_VERSION, FlowEventObjectSchema, upgradeFlowEvent } from '../schema';
import type { StoredFlowEvent } from '../schema';
import { CliUsageError } from './errors';
import { openInput, STDIN_NAME } from './input';
import { Progress, type ProgressStream } from './progress';
import { describeZodIssues, issueMessage } from './zod-issues';

/** A FlowEvent, plus the page origin the extension stamps on the events it stores. */
const LoadableEventSchema = z.preprocess(
  upgradeFlowEvent,
  z.object({ ...FlowEventObjectSchema.shape, origin: z.string().min(1).max(300).optional() }),
);

const EXPORT_FORMAT = 'outflow-export';
/** The export versions this reader knows: 2 adds the hash chain (`outflow verify` checks it), the events are alike. */
const EXPORT_SCHEMA_VERSIONS = [1, 2];

export interface EventFileIO {
  stdin: Readable;
  stderr: ProgressStream;
}

export interface EventFileCallbacks {
  onEvent(event: StoredFlowEvent): void | Promise<void>;
  onInvalid(line: number, reason: string): void;
}

/** Whether the file starts like an export document rather than a line of JSONL. */
async function looksLikeExport(path: string): Promise<boolean> {
  if (path === STDIN_NAME) return false;
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    return /^\s*\{\s*"format"\s*:\s*"outflow-export"/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Why a parsed event is refused: a newer schema gets its own message, so the fix (upgrade) is clear. */
function refusal(value: unknown, error: z.ZodError): string {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > FLOW_EVENT_SCHEMA_VERSION) {
    return `a FlowEvent of schema version ${version}, newer than this outflow reads (${FLOW_EVENT_SCHEMA_VERSION}): upgrade @outflow/sdk`;
  }
  return `not a FlowEvent: ${describeZodIssues(error)}`;
}

export async function readEventFile(path: string, io: EventFileIO, callbacks: EventFileCallbacks): Promise<'jsonl' | 'export'> {
  if (await looksLikeExport(path)) {
    for (const event of await readExport(path)) await callbacks.onEvent(event);
    return 'export';
  }
  await readJsonl(path, io, callbacks);
  return 'jsonl';
}

async function readJsonl(path: string, io: EventFileIO, callbacks: EventFileCallbacks): Promise<void> {
  const input = openInput(path, io.stdin);
  const progress = new Progress(io.stderr, `reading ${path}`);
  let bytes = 0;
  input.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  let lineNumber = 0;
  let bytesShown = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber++;
      progress.advance(bytes - bytesShown, 1);
      bytesShown = bytes;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // JSON.parse's message quotes the line; only the fact is reported.
        callbacks.onInvalid(lineNumber, 'not valid JSON');
        continue;
      }
      const result = LoadableEventSchema.safeParse(value, { error: issueMessage });
      if (result.success) await callbacks.onEvent(result.data as StoredFlowEvent);
      else callbacks.onInvalid(lineNumber, refusal(value, result.error));
    }
  } finally {
    progress.done();
  }
}

const ExportEnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.number().int(),
  digest: z.object({ algorithm: z.literal('SHA-256'), value: z.string().regex(/^[0-9a-f]{64}$/) }),
  sessions: z.array(z.unknown()),
  events: z.array(z.unknown()),
});

/** The events of an export document, after its version, digest and every event have been checked. */
async function readExport(path: string): Promise<StoredFlowEvent[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new CliUsageError(`${path}: not valid JSON (an export is one JSON document)`);
  }
  const envelope = ExportEnvelopeSchema.safeParse(doc);
  if (!envelope.success) throw new CliUsageError(`${path}: not a valid Outflow export: ${describeZodIssues(envelope.error)}`);
  const { schemaVersion, digest, sessions, events } = envelope.data;
  if (!EXPORT_SCHEMA_VERSIONS.includes(schemaVersion)) {
    const newest = Math.max(...EXPORT_SCHEMA_VERSIONS);
    throw new CliUsageError(`${path}: an export of schema version ${schemaVersion}; this outflow reads versions ${EXPORT_SCHEMA_VERSIONS.join(' and ')}${schemaVersion > newest ? ': upgrade @outflow/sdk' : ''}`);
  }
  // The extension digests exactly these two arrays as they appear in the file.
  const actual = createHash('sha256').update(JSON.stringify({ sessions, events })).digest('hex');
  if (actual !== digest.value) throw new CliUsageError(`${path}: the file was modified after export (its SHA-256 digest does not match its content); nothing was loaded from it`);
  return events.map((value, i) => {
    const result = LoadableEventSchema.safeParse(value, { error: issueMessage });
    if (!result.success) throw new CliUsageError(`${path}: event ${i}: ${refusal(value, result.error)}; nothing was loaded from it`);
    return result.data as StoredFlowEvent;
  });
}
