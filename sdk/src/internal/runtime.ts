/** Where the SDK runs, and the little it needs from that environment. */

export type Runtime = 'browser' | 'node' | 'worker' | 'other';

/** Kept in step with sdk/package.json by the test in test/unit/outflow. */
export const SDK_VERSION = '0.1.0';

export function detectRuntime(): Runtime {
  const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown; process?: { versions?: { node?: string } } };
  if (typeof g.window !== 'undefined' && typeof g.document !== 'undefined') return 'browser';
  if (typeof g.importScripts === 'function') return 'worker';
  if (g.process?.versions?.node) return 'node';
  return 'other';
}

/** `localStorage`/`sessionStorage` when present and usable (they throw in sandboxed frames and some privacy modes). */
export function webStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    const storage = (globalThis as Record<string, unknown>)[kind] as Storage | undefined;
    if (!storage) return undefined;
    storage.getItem('outflow:probe');
    return storage;
  } catch {
    return undefined;
  }
}
