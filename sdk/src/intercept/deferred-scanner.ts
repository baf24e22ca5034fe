/**
 * The built-in scanner, loaded with the first call it has to read. Detection (detectors,
 * normalisation, table reading) is most of the SDK's weight; loading it on demand keeps it off
 * a browser app's start-up, and a page session that never calls an AI provider never downloads
 * it. The call that needs it waits for it (`ready`, awaited before its fields are scanned).
 *
 * Until it is loaded, or when loading failed, `scan` throws: the inspector then lists each field
 * as unscanned (`error`) and the scrubber keeps nothing of a string, so a record never says clean
 * about text nobody read. A call waits at most `waitMs` for a load that stalls (the load goes on,
 * for later calls). A failed load is tried again by the next call (a browser may remember a
 * failed chunk until the page reloads), except an invalid configuration, which stays failed.
 */
import { OutflowConfigError } from '../errors';
import type { Scanner } from './inspect';

/** How long a call waits for the engine before it goes on with its text unscanned. */
export const ENGINE_WAIT_MS = 10_000;

export interface DeferredScanner extends Scanner {
  /** Resolves once the engine is loaded, its loading failed, or `waitMs` passed (never rejects): calls wait on it. */
  ready(): Promise<void>;
  /** Loads the engine now; rejects with what failed (an invalid custom detector, a chunk that did not load). */
  load(): Promise<void>;
}

export function deferredScanner(loadEngine: () => Promise<Scanner>, waitMs = ENGINE_WAIT_MS): DeferredScanner {
  let engine: Scanner | undefined;
  let failure: unknown;
  let loading: Promise<void> | undefined;
  const notLoaded = new Error('the detection engine is not loaded yet');
  const current = (): Scanner => {
    if (engine) return engine;
    throw failure ?? notLoaded;
  };
  const settled = (): Promise<void> => {
    loading ??= loadEngine().then(
      (loaded) => {
        engine = loaded;
      },
      (error: unknown) => {
        failure = error;
        // A policy the engine cannot compile fails the same way every time.
        if (!(error instanceof OutflowConfigError)) loading = undefined;
      },
    );
    return loading;
  };
  return {
    ready() {
      const load = settled();
      if (engine || failure instanceof OutflowConfigError) return load;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
      return Promise.race([load, waited]).finally(() => clearTimeout(timer));
    },
    load: () => settled().then(() => void current()),
    scan: (text) => current().scan(text),
    scanWithValues(text) {
      const scanner = current();
      return scanner.scanWithValues ? scanner.scanWithValues(text) : { findings: scanner.scan(text), values: [] };
    },
  };
}
