/**
 * Node only: appends events to a JSON Lines file, one event per line, rotating by size
 * (`events.jsonl` → `events.1.jsonl` → … → `events.{maxFiles-1}.jsonl`, the oldest dropped).
 * Writes are serialised, so lines never interleave; `flush()` resolves once every line is on disk
 * (`createOutflow` flushes on the process's `beforeExit`, so a process that ends normally loses nothing).
 */
import { open, rename, rm, stat, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { FlowEvent } from '../schema';
import type { Sink } from './types';

export interface JsonlSinkOptions {
  /** Rotate once the current file would grow past this many bytes. @default 10_485_760 (10 MiB) */
  maxBytes?: number;
  /** Files kept, the current one included. @default 5 */
  maxFiles?: number;
}

export interface JsonlSink extends Sink {
  readonly path: string;
}

export function jsonlSink(path: string, options: JsonlSinkOptions = {}): JsonlSink {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  let handle: FileHandle | undefined;
  let size = 0;
  // Every write and rotation runs on this chain, one after the other.
  let chain: Promise<void> = Promise.resolve();

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const next = chain.then(task);
    // A failed write is reported to the caller once; the chain itself goes on.
    chain = next.catch(() => undefined);
    return next;
  };

  async function ensureOpen(): Promise<FileHandle> {
    if (handle) return handle;
    await mkdir(dirname(path), { recursive: true });
    handle = await open(path, 'a');
    size = (await handle.stat()).size;
    return handle;
  }

  async function rotate(): Promise<void> {
    await handle?.close();
    handle = undefined;
    if (maxFiles === 1) await rm(path, { force: true });
    else {
      await rm(rotatedPath(path, maxFiles - 1), { force: true });
      for (let i = maxFiles - 2; i >= 1; i--) await renameIfExists(rotatedPath(path, i), rotatedPath(path, i + 1));
      await renameIfExists(path, rotatedPath(path, 1));
    }
  }

  return {
    name: 'jsonl',
    path,
    write(events: FlowEvent[]) {
      const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
      const bytes = Buffer.byteLength(text);
      return enqueue(async () => {
        let file = await ensureOpen();
        if (size > 0 && size + bytes > maxBytes) {
          await rotate();
          file = await ensureOpen();
        }
        await file.appendFile(text);
        size += bytes;
      });
    },
    flush() {
      return enqueue(async () => {
        await handle?.sync();
      });
    },
    close() {
      return enqueue(async () => {
        await handle?.close();
        handle = undefined;
      });
    },
  };
}

/** `events.jsonl`, 2 → `events.2.jsonl`. */
export function rotatedPath(path: string, index: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${index}${ext}`;
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await stat(from);
  } catch {
    return;
  }
  await rename(from, to);
}
