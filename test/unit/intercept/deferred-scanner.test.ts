/**
 * The built-in scanner is loaded with the first call that needs it (intercept/deferred-scanner.ts).
 * Until it is loaded, or when loading fails, nothing is reported clean: each field is listed as
 * unscanned (`error`), the failure is reported, and a failed load is tried again by the next call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../sdk/src/detect/scanner';
import { deferredScanner } from '../../../sdk/src/intercept/deferred-scanner';
import type { ScanMatch } from '../../../sdk/src/intercept/findings';
import { inspectRequest, type InspectDeps, type Scanner } from '../../../sdk/src/intercept/inspect';
import { prepareRequest } from '../../../sdk/src/intercept/request-body';
import { createScrubber } from '../../../sdk/src/intercept/scrub';
import { compilePolicy } from '../../../sdk/src/policy';
import { FlowEventSchema, type PolicyInput } from '../../../sdk/src/schema';
import { OutflowConfigError } from '../../../sdk/src/errors';
import { EMAIL, json, setup } from './helpers';

const CHAT = 'https://api.openai.com/v1/chat/completions';
const chatBody = json({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `Write to ${EMAIL}` }] });

/** A loader that fails `failures` times, then loads the real scanner; counts its calls. */
function flakyLoader(failures: number) {
  const loader = {
    calls: 0,
    load: async (): Promise<Scanner> => {
      loader.calls++;
      if (loader.calls <= failures) throw new Error('Failed to fetch dynamically imported module: detect/engine.js');
      return createScanner();
    },
  };
  return loader;
}

async function inspect(scanner: ReturnType<typeof deferredScanner>, policy: PolicyInput = {}) {
  const errors: unknown[] = [];
  const deps: InspectDeps = { scanner, ready: scanner.ready, policy: compilePolicy(policy), destinations: { providers: {} }, reportError: (error) => errors.push(error) };
  const inspection = await inspectRequest(await prepareRequest(CHAT, chatBody), deps);
  return { inspection, errors };
}

test('nothing is loaded until a call needs the engine; scanning before then throws instead of finding nothing', async () => {
  const loader = flakyLoader(0);
  const scanner = deferredScanner(loader.load);
  assert.equal(loader.calls, 0);
  assert.throws(() => scanner.scan(`mail ${EMAIL}`), /not loaded yet/);
  await Promise.all([scanner.ready(), scanner.ready()]);
  assert.equal(loader.calls, 1, 'concurrent first calls share one load');
  assert.deepEqual(scanner.scan(`mail ${EMAIL}`).map((f) => f.type), ['EMAIL']);
  assert.deepEqual(scanner.scanWithValues?.(`mail ${EMAIL}`).values, [EMAIL]);
});

test('a call whose engine failed to load lists every field as unscanned (error), reports it, and finds nothing clean', async () => {
  const scanner = deferredScanner(flakyLoader(1).load);
  const { inspection, errors } = await inspect(scanner);
  assert.deepEqual(inspection.findings, []);
  assert.deepEqual(
    inspection.unscanned.map((part) => [part.where, part.reason]),
    [
      ['messages[0].content', 'error'],
      ['messages[1].content', 'error'],
    ],
  );
  assert.equal(inspection.decision, 'allowed', "the default policy logs what it could not read: the call is not the app's risk");
  assert.equal(errors.length, 1, 'one report per call, not one per field');
  assert.match((errors[0] as Error).message, /dynamically imported module/);
});

test("under unscannable: 'block' a call whose engine failed to load is blocked", async () => {
  const scanner = deferredScanner(flakyLoader(1).load);
  const { inspection } = await inspect(scanner, { unscannable: 'block' });
  assert.equal(inspection.decision, 'blocked');
  assert.equal(inspection.blockingUnscanned.length, 2);
});

test('the next call loads the engine again after a failure, and then scans', async () => {
  const loader = flakyLoader(1);
  const scanner = deferredScanner(loader.load);
  await inspect(scanner);
  const { inspection, errors } = await inspect(scanner);
  assert.equal(loader.calls, 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(inspection.unscanned, []);
  assert.deepEqual(inspection.findings.map((f) => [f.type, f.field]), [['EMAIL', 'messages[1].content']]);
});

test('event text is not kept at all while the engine is not loaded (the scrubber cannot look)', async () => {
  const scanner = deferredScanner(flakyLoader(0).load);
  const scrubber = createScrubber([scanner]);
  assert.equal(scrubber.text(`upstream said: unknown user ${EMAIL}`), '[NOT_SCANNED]');
  await scanner.ready();
  assert.equal(scrubber.text(`upstream said: unknown user ${EMAIL}`), 'upstream said: unknown user [EMAIL]');
});

test('outflow.ready() loads the engine now and rejects, naming the detector, when a custom pattern cannot run; calls record their text as unscanned', async () => {
  const bad = { kind: 'regex' as const, id: 'backref', pattern: '(a)\\1' };
  const { fake, sink, outflow, errors } = await setup({ policy: { customDetectors: [bad] } });
  await assert.rejects(outflow.ready(), (error: unknown) => error instanceof OutflowConfigError && error.message.includes('"backref"'));
  const response = await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${EMAIL}` }] }));
  assert.equal(response.status, 200, 'the call still goes out under the default policy');
  await response.text();
  await outflow.flush();
  const [event] = sink.events;
  assert.equal(event?.coverage.complete, false);
  // With no engine the scrubber cannot look either, so even the field's path is not kept; the event stays valid.
  assert.deepEqual(event?.coverage.unscanned.map((part) => [part.where, part.reason]), [['[NOT_SCANNED]', 'error']]);
  FlowEventSchema.parse(event);
  assert.ok(!JSON.stringify(event).includes(EMAIL));
  assert.equal(event?.error?.kind, 'internal');
  assert.ok(errors.some((error) => error instanceof OutflowConfigError));
});

test('outflow.ready() resolves once the engine is loaded; the first call then finds what it carries', async () => {
  const { fake, sink, outflow } = await setup();
  await outflow.ready();
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${EMAIL}` }] }))).text();
  await outflow.flush();
  assert.deepEqual(sink.events.map((event) => [event.coverage.complete, event.findings.map((finding) => finding.type)]), [[true, ['EMAIL']]]);
});

test('a stalled load holds a call for at most the wait, which then goes on unscanned; the load still serves later calls', async () => {
  let finish: (scanner: Scanner) => void = () => undefined;
  const scanner = deferredScanner(() => new Promise<Scanner>((resolve) => (finish = resolve)), 50);
  const started = Date.now();
  const { inspection, errors } = await inspect(scanner);
  assert.ok(Date.now() - started < 5_000);
  assert.deepEqual(inspection.unscanned.map((part) => part.reason), ['error', 'error']);
  assert.equal(errors.length, 1);
  finish(createScanner());
  const later = await inspect(scanner);
  assert.deepEqual(later.inspection.findings.map((f) => f.type), ['EMAIL']);
});

test('an invalid configuration is not loaded again by every call', async () => {
  let calls = 0;
  const scanner = deferredScanner(async () => {
    calls++;
    return createScanner({ customDetectors: [{ kind: 'regex', id: 'lookahead', pattern: '(?=a)b' }] });
  });
  await inspect(scanner);
  await inspect(scanner);
  await assert.rejects(scanner.load(), OutflowConfigError);
  assert.equal(calls, 1);
});

test("the app's replacement scanner does not vouch for event text the built-in engine could not read", async () => {
  const builtin = deferredScanner(async () => {
    throw new Error('chunk failed');
  });
  await builtin.ready();
  const replacement = { scan: (): ScanMatch[] => [] };
  const text = 'Jane Doe 078-05-1120 payslip.pdf';
  assert.equal(createScrubber([builtin, replacement]).text(text), '[NOT_SCANNED]');
  const failingReplacement = { scan: (): ScanMatch[] => { throw new Error('replacement bug'); } };
  assert.equal(createScrubber([createScanner(), failingReplacement]).text(`mail ${EMAIL}`), 'mail [EMAIL]');
});

test('concurrent first calls through outflow.fetch share the load and are both scanned', async () => {
  const { fake, sink, outflow } = await setup();
  const call = () => outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${EMAIL}` }] })).then((r) => r.text());
  await Promise.all([call(), call(), call()]);
  await outflow.flush();
  assert.deepEqual(sink.events.map((event) => [event.coverage.complete, event.findings.map((f) => f.type).join()]), [[true, 'EMAIL'], [true, 'EMAIL'], [true, 'EMAIL']]);
});

test("a policy's custom detectors are compiled with the engine's load: the first call finds them", async () => {
  const { fake, sink, outflow } = await setup({ policy: { customDetectors: [{ kind: 'keywords', id: 'codenames', terms: ['Project Nightjar'] }, { kind: 'regex', id: 'ticket', pattern: 'TCK-[0-9]{6}' }] } });
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Project Nightjar, see TCK-104233, mail ${EMAIL}` }] }))).text();
  await outflow.flush();
  assert.deepEqual(sink.events.map((event) => event.findings.map((finding) => finding.type).sort()), [['CUSTOM:codenames', 'CUSTOM:ticket', 'EMAIL']]);
});

test("an entry of the policy's disabledTypes that names no detector is reported and ignored: every other type is still found", async () => {
  const { fake, sink, outflow, errors } = await setup({ policy: { disabledTypes: ['CUSTOM:retired', 'PHONE'] } });
  await outflow.ready();
  await (await outflow.fetch(`${fake.url}/v1/chat/completions`, json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${EMAIL} or call +44 20 7946 0958` }] }))).text();
  await outflow.flush();
  assert.deepEqual(sink.events.map((event) => [event.coverage.complete, event.findings.map((finding) => finding.type)]), [[true, ['EMAIL']]]);
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof OutflowConfigError && /policy\.disabledTypes: "CUSTOM:retired" names no detector; ignored/.test(errors[0].message));
});
