/**
 * The detection engine: `scan(text)` finds sensitive values and returns typed, masked,
 * optionally fingerprinted findings. Synchronous and browser-safe (no Node imports).
 */
import { createScanner, type Scanner, type ScannerOptions, type ScanFinding } from './scanner';

export { createScanner } from './scanner';
export type { Scanner, ScannerOptions, ScanFinding } from './scanner';
export type { Detector, DetectorExamples, Span, Trigger } from './types';
export { scanSlot, type ScanContext, type ScanSlot } from './context';
export { BUILTIN_DETECTORS } from './detectors/index';
export { fingerprint } from './fingerprint';

let defaultScanner: Scanner | undefined;
const scannersByOptions = new WeakMap<ScannerOptions, Scanner>();

/**
 * Scans `text` with every built-in detector (or as `options` say). The default scanner is
 * compiled once; a scanner for an options object is cached for as long as that object lives,
 * so build the options once and reuse them (or call `createScanner`).
 */
export function scan(text: string, options?: ScannerOptions): ScanFinding[] {
  if (options === undefined) {
    defaultScanner ??= createScanner();
    return defaultScanner.scan(text);
  }
  let scanner = scannersByOptions.get(options);
  if (scanner === undefined) {
    scanner = createScanner(options);
    scannersByOptions.set(options, scanner);
  }
  return scanner.scan(text);
}
