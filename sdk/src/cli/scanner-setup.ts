/**
 * Builds the scanner a `scan` run uses from its options: custom detectors and disabled types
 * from `--policy`, `--types` / `--exclude-types` filters, and the fingerprint key.
 */
import { randomBytes } from 'node:crypto';
import { createScanner, type Scanner } from '../detect';
import { checkFingerprintKey } from '../detect/fingerprint';
import { OutflowError } from '../errors';
import { loadPolicyFile } from '../policy-file';
import { CliUsageError } from './errors';

export type { Scanner, ScanFinding } from '../detect';

export interface ScannerSetup {
  /** Policy JSON file adding custom detectors and `disabledTypes`. */
  policyPath?: string | undefined;
  /** Only these types; empty means all. */
  types: readonly string[];
  /** Never these types. */
  excludeTypes: readonly string[];
  /** HMAC key for fingerprints; undefined means a random key for this run. */
  fingerprintKey?: string | undefined;
}

/** Creates the scanner, or throws a `CliUsageError` naming the option or file that is wrong. */
export function setUpScanner(setup: ScannerSetup): Scanner {
  const policy = setup.policyPath === undefined ? undefined : loadPolicy(setup.policyPath);
  const customDetectors = policy?.customDetectors ?? [];
  const known = [...createScanner().types, ...customDetectors.map((d) => `CUSTOM:${d.id}`)];
  checkKnown('--types', setup.types, known);
  checkKnown('--exclude-types', setup.excludeTypes, known);
  if (policy && setup.policyPath !== undefined) checkKnown(`${setup.policyPath}: disabledTypes`, policy.disabledTypes, known);

  if (setup.fingerprintKey !== undefined) {
    try {
      checkFingerprintKey(setup.fingerprintKey, 'the fingerprint key (--fingerprint-key or OUTFLOW_FINGERPRINT_KEY)');
    } catch (error) {
      throw new CliUsageError((error as Error).message, { showHelpHint: true });
    }
  }
  const excludeTypes = [...new Set([...setup.excludeTypes, ...(policy?.disabledTypes ?? [])])];
  try {
    return createScanner({
      customDetectors,
      ...(setup.types.length > 0 ? { types: [...setup.types] } : {}),
      excludeTypes,
      fingerprintKey: setup.fingerprintKey ?? randomBytes(32),
    });
  } catch (error) {
    // The scanner rejects what the schema cannot see, such as an unsafe custom pattern.
    if (OutflowError.isInstance(error)) {
      throw new CliUsageError(setup.policyPath === undefined ? error.message : `${setup.policyPath}: ${error.message}`);
    }
    throw error;
  }
}

function loadPolicy(path: string) {
  try {
    return loadPolicyFile(path);
  } catch (error) {
    if (OutflowError.isInstance(error)) throw new CliUsageError(error.message);
    throw error;
  }
}

function checkKnown(where: string, names: readonly string[], known: readonly string[]): void {
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw new CliUsageError(`${where}: unknown type${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known types: ${known.join(', ')}`);
}
