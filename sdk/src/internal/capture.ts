/**
 * The SDK's own recording pieces, for the Outflow extension's capture in AI web apps: the same
 * scanner, policy, finding aggregation, redaction and event builder, so a web-app event is built
 * exactly as an SDK event is. Not a public API: no stability promise outside this repository.
 */
export { createScanner } from '../detect/index';
export { fingerprintKeyId, keyedFingerprint } from '../detect/fingerprint';
export { compilePolicy, enforcedBySdk, stricter, matchesDestination, type CompiledPolicy } from '../policy';
export { scanFields, redactFields, type ScannedFields, type Scanner as InspectScanner } from '../intercept/inspect';
export { buildEvent, type CallIdentity, type EventParts, type EventSource } from '../intercept/event';
export { createScrubber, type Scrubber } from '../intercept/scrub';
export { type UnscannedPart } from '../coverage';
export { utf8Length } from './utf8';
export { collectTextFields, fieldSegment, type Attachment, type TextField } from '../providers/index';
export { PlaceholderMap, redactText, type Placeholders, type RedactionSpan } from '../redact';
export { describeZodIssues } from '../cli/zod-issues';
export { randomBytes, randomId, toHex } from './ids';
export { SDK_VERSION } from './runtime';
