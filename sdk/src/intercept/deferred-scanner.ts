/**
 * The built-in scanner, loaded with the first call it has to read. Detection (detectors,
 * normalisation, table reading) is most of the SDK's weight; loading it on demand keeps it off
 * a browser app's start-up, and a page session that never calls an AI provider never downloads
 * it. The call that needs it waits for it (`ready`, awaited before its fields are scanned).
 *
 * Until it is loaded, or when loading failed, `scan` throws: the inspector then lists each field
 * as unscanned (`error`) and the scrubber keeps nothing of a string, so a record never says clean
 * about text nobody read. A failed load is tried again by the next call.
 */
import type { Scanner } from './inspect';

export interface DeferredScanner extends Scanner {
  /** Resolves once the engine is loaded or its loading failed (never rejects): calls wait on it. */
  ready(): Promise<void>;
  /** Loads the engine now; rejects with what failed (an invalid custom detector, a chunk that did not load). */
  load(): Promise<void>;
}

export function deferredScanner(loadEngine: () => Promise<Scanner>): DeferredScanner {
  let engine: Scanner | undefined;
  let failure: unknown;
  let loading: Promise<void> | undefined;
  const current = (): Scanner => {
    if (engine) return engine;
    throw failure ?? new Error('the detection engine is not loaded yet');
  };
  const ready = (): Promise<void> => {
    loading ??= loadEngine().then(
      (loaded) => {
        engine = loaded;
      },
      (error: unknown) => {
        failure = error;
        loading = undefined;
      },
    );
    return loading;
  };
  return {
    ready,
    load: () => ready().then(() => void current()),
    scan: (text) => current().scan(text),
    scanWithValues(text) {
      const scanner = current();
      return scanner.scanWithValues ? scanner.scanWithValues(text) : { findings: scanner.scan(text), values: [] };
    },
  };
}
