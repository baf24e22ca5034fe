/**
 * The policy and scanner web-app capture uses: the SDK's own, compiled from the settings' policy
 * and rebuilt when it changes, with the organisation's fingerprint key when IT set one, else this
 * install's (kept in `storage.local`, made once), so the same value gets the same fingerprint
 * across tabs, apps and days.
 */
import browser from 'webextension-polyfill';
import {
  compilePolicy,
  createScanner,
  createScrubber,
  fingerprintKeyId,
  keyedFingerprint,
  randomBytes,
  toHex,
  type CompiledPolicy,
  type InspectScanner,
  type Scrubber,
} from '@outflow/sdk/internal/capture';
import { readOrgSettings } from '../../managed-org';
import { getSettings } from '../settings';
import { policyHolds } from '../policy-merge';

export interface CaptureRuntime {
  policy: CompiledPolicy;
  scanner: InspectScanner;
  fingerprintOf(value: string): string;
  /** The SDK's event scrubber over the same scanner: every string of an event is masked as the SDK masks it. */
  scrubber: Scrubber;
  /** Names this install's fingerprint key in events (`fingerprintKeyId`), never the key. */
  fingerprintKeyId: string;
  /** Whether sends must wait for their scan: the policy can warn, ask, redact or block. */
  hold: boolean;
  orgDomains: readonly string[];
}

const KEY_NAME = 'fingerprintKey';

/** The organisation's key when IT set one (managed `fingerprintKey`), so fingerprints compare across devices; else this install's. */
async function fingerprintKey(): Promise<string> {
  const org = (await readOrgSettings()).fingerprintKey;
  if (org !== undefined) return org;
  const stored = (await browser.storage.local.get(KEY_NAME))[KEY_NAME];
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return stored;
  const key = toHex(randomBytes(32));
  await browser.storage.local.set({ [KEY_NAME]: key });
  return key;
}

let cached: { policyJson: string; key: string; runtime: Omit<CaptureRuntime, 'orgDomains'> } | undefined;

export async function captureRuntime(): Promise<CaptureRuntime> {
  const [settings, key] = await Promise.all([getSettings(), fingerprintKey()]);
  const policyJson = JSON.stringify(settings.policy);
  if (cached?.policyJson !== policyJson || cached.key !== key) {
    const policy = compilePolicy(settings.policy);
    const scanner = createScanner({ customDetectors: policy.policy.customDetectors, excludeTypes: policy.policy.disabledTypes });
    cached = {
      policyJson,
      key,
      runtime: { policy, scanner, fingerprintOf: keyedFingerprint(key), scrubber: createScrubber([scanner]), fingerprintKeyId: fingerprintKeyId(key), hold: policyHolds(policy.policy) },
    };
  }
  return { ...cached.runtime, orgDomains: settings.orgDomains };
}
