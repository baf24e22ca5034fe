/**
 * What the background decides about a web-app request, without a browser: the SDK's scan with the
 * tab's memory (answers already given, placeholders already written), and what it records of file
 * names and reasons.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compilePolicy, createScanner, createScrubber, fingerprintKeyId, keyedFingerprint, redactFields } from '../../../sdk/src/internal/capture';
import { FlowEventSchema } from '../../../sdk/src/schema';
import type { PolicyInput } from '../../../sdk/src/schema';
import { inspectReading } from '../../../extension/src/background/webapp/inspect';
import { buildWebEvent } from '../../../extension/src/background/webapp/record';
import { maskedName } from '../../../extension/src/background/webapp/masked-names';
import { scrubbedJustification, tabPlaceholders } from '../../../extension/src/background/webapp/placeholders';
import type { CaptureRuntime } from '../../../extension/src/background/webapp/runtime';
import { newTabState, type TabState } from '../../../extension/src/background/webapp/tab-memory';
import { chatgpt } from '../../../extension/src/sites/chatgpt/adapter';
import { claude } from '../../../extension/src/sites/claude/adapter';
import type { Reading, SiteAdapter } from '../../../extension/src/sites/types';
import type { WireRequest } from '../../../extension/src/sites/wire-types';

const EMAIL = 'maria.jensen@nordlys-freight.com';
const KEY = 'AKIAQ3EGRJ5WZ7KXV4NM';

function runtime(policy: PolicyInput): CaptureRuntime {
  const compiled = compilePolicy(policy);
  const scanner = createScanner();
  return { policy: compiled, scanner, fingerprintOf: keyedFingerprint('test-key'), scrubber: createScrubber([scanner]), fingerprintKeyId: fingerprintKeyId('test-key'), hold: true, orgDomains: [] };
}

function read(site: SiteAdapter, request: WireRequest): Reading {
  const result = site.read(request, new URL(request.url));
  assert.ok(result.kind !== 'ignore' && result.kind !== 'unparsed');
  return result;
}

const send = (text: string): WireRequest => ({
  transport: 'fetch',
  method: 'POST',
  url: 'https://chatgpt.com/backend-api/f/conversation',
  body: { kind: 'text', text: JSON.stringify({ action: 'next', messages: [{ author: { role: 'user' }, content: { content_type: 'text', parts: [text] } }], model: 'auto' }) },
});

const multimodal: WireRequest = (() => {
  const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../extension/src/sites/chatgpt/fixtures/send-conversation-multimodal.json'), 'utf8')) as {
    request: { url: string; body: { json: unknown } };
  };
  return { transport: 'fetch', method: 'POST', url: fixture.request.url, body: { kind: 'text', text: JSON.stringify(fixture.request.body.json) } };
})();

const inspect = (reading: Reading, rt: CaptureRuntime, tab: TabState, held = true, site: SiteAdapter = chatgpt) => inspectReading(site, reading, new URL('https://chatgpt.com/backend-api/f/conversation'), held, rt, tab);

describe('web-app inspection', () => {
  test('the strictest unanswered action is pending; the notice lists masked previews by type', () => {
    const rt = runtime({ rules: [{ types: ['EMAIL'], action: 'warn' }, { categories: ['secret'], action: 'justify' }] });
    const inspection = inspect(read(chatgpt, send(`${EMAIL} ${KEY}`)), rt, newTabState('chatgpt', '2026.11'));
    assert.equal(inspection.pending, 'justify');
    assert.equal(inspection.asked.length, 2);
    assert.deepEqual(inspection.noticeFindings.map((finding) => finding.type).sort(), ['AWS_ACCESS_KEY', 'EMAIL']);
    assert.ok(!JSON.stringify(inspection.noticeFindings).includes(EMAIL));
    assert.equal(inspection.destination.provider, 'openai');
    assert.equal(inspection.destination.api, 'chatgpt.conversation');
  });

  test('a value the employee already answered for is not asked again; a stricter action is', () => {
    const rt = runtime({ rules: [{ types: ['EMAIL'], action: 'warn' }] });
    const tab = newTabState('chatgpt', '2026.11');
    tab.acknowledged[rt.fingerprintOf(EMAIL)] = { action: 'warn', at: 'paste' };
    const answered = inspect(read(chatgpt, send(`to ${EMAIL}`)), rt, tab);
    assert.equal(answered.pending, undefined);
    assert.deepEqual(answered.carried, [{ action: 'warn', at: 'paste' }]);
    const stricter = inspect(read(chatgpt, send(`to ${EMAIL}`)), runtime({ rules: [{ types: ['EMAIL'], action: 'justify' }] }), tab);
    assert.equal(stricter.pending, 'justify', 'a warning continued past does not answer a request for a reason');
  });

  test('a request that has already left is recorded as logged, whatever the policy', () => {
    const inspection = inspect(read(chatgpt, send(KEY)), runtime({ rules: [{ categories: ['secret'], action: 'block' }] }), newTabState('chatgpt', '2026.11'), false);
    assert.equal(inspection.pending, undefined);
    assert.deepEqual(inspection.scanned.aggregator.findings.map((finding) => finding.action), ['log']);
  });

  test('redaction: one value keeps one placeholder in the tab; a later send carrying it records the redaction', () => {
    const rt = runtime({ rules: [{ categories: ['secret'], action: 'redact' }] });
    const tab = newTabState('chatgpt', '2026.11');
    const reading = read(chatgpt, send(`key ${KEY} and again ${KEY}`));
    const first = inspect(reading, rt, tab);
    redactFields(first.scanned.spansByField, tabPlaceholders(tab, first.redactions, rt));
    const body = JSON.parse(reading.serialise() ?? '{}') as { messages: { content: { parts: string[] } }[] };
    assert.equal(body.messages[0]?.content.parts[0], 'key [AWS_ACCESS_KEY_1] and again [AWS_ACCESS_KEY_1]');

    const later = inspect(read(chatgpt, send('it still fails with [AWS_ACCESS_KEY_1]')), rt, tab);
    assert.equal(later.composerRedactions, 1);
    const [finding] = later.scanned.aggregator.findings;
    assert.equal(finding?.type, 'AWS_ACCESS_KEY');
    assert.equal(finding?.action, 'redact');
    assert.equal(finding?.samples[0]?.fingerprint, rt.fingerprintOf(KEY));
    assert.match(finding?.samples[0]?.preview ?? '', /^AKIA•+/);
    assert.equal(inspect(read(chatgpt, send('an unknown [EMAIL_7]')), rt, tab).composerRedactions, 0, 'only placeholders this tab wrote');
  });

  test('a value to redact inside a file cannot be removed: the upload is refused instead', () => {
    const upload: WireRequest = { transport: 'fetch', method: 'POST', url: 'https://claude.ai/api/org-1/upload', body: { kind: 'multipart', parts: [{ name: 'file', file: { name: 'keys.txt', type: 'text/plain', bytes: 24, text: `key=${KEY}` } }] } };
    const inspection = inspectReading(claude, read(claude, upload), new URL(upload.url), true, runtime({ rules: [{ categories: ['secret'], action: 'redact' }] }), newTabState('claude', '2026.11'));
    assert.equal(inspection.pending, 'block');
    assert.match(inspection.blockReason ?? '', /cannot be removed from a file/);
  });

  test('what could not be read is the event\'s coverage: an image by reference, with the text still scanned', () => {
    const result = chatgpt.read(multimodal, new URL(multimodal.url));
    assert.ok(result.kind === 'send');
    const rt = runtime({});
    const tab = newTabState('chatgpt', '2026.11');
    const inspection = inspect(result, rt, tab);
    const event = buildWebEvent(chatgpt, result, result.attachments, inspection, tab, { decision: 'allowed', requestBytes: 100 }, 'POST', rt);
    assert.deepEqual(event.coverage, { complete: false, unscanned: [{ where: 'messages[0].content.parts[0]', reason: 'binary', bytes: 48213 }] });
    assert.equal(event.request.chars, 'What is wrong with this invoice for bob@example.org?'.length, 'the text beside the image is scanned');
    assert.equal(event.fingerprintKeyId, rt.fingerprintKeyId);
    assert.equal(FlowEventSchema.safeParse(event).success, true);
    const plain = inspect(read(chatgpt, send('hello')), rt, tab);
    assert.deepEqual(buildWebEvent(chatgpt, read(chatgpt, send('hello')), [], plain, tab, { decision: 'allowed', requestBytes: 10 }, 'POST', rt).coverage, { complete: true, unscanned: [] });
  });

  test('unscannable: block refuses what cannot be read, except the types unscannableAllowedTypes lets through', () => {
    const result = chatgpt.read(multimodal, new URL(multimodal.url));
    assert.ok(result.kind === 'send');
    const refused = inspect(result, runtime({ unscannable: 'block' }), newTabState('chatgpt', '2026.11'));
    assert.equal(refused.pending, 'block');
    assert.match(refused.blockReason ?? '', /could not be checked/);
    assert.equal(inspect(result, runtime({ unscannable: 'block', unscannableAllowedTypes: ['image/*'] }), newTabState('chatgpt', '2026.11')).pending, undefined);
    assert.equal(inspect(result, runtime({ unscannable: 'block' }), newTabState('chatgpt', '2026.11'), false).pending, undefined, 'a request already gone is only recorded');
  });

  test('a destination outside allowedDestinations is refused whatever the data', () => {
    const inspection = inspect(read(chatgpt, send('hello')), runtime({ allowedDestinations: ['anthropic'] }), newTabState('chatgpt', '2026.11'));
    assert.equal(inspection.pending, 'block');
    assert.match(inspection.blockReason ?? '', /does not allow sending to ChatGPT/);
  });
});

describe('what is recorded of names and reasons', () => {
  const scanner = createScanner();

  test('sensitive values in a file name are masked; other names are kept', () => {
    assert.equal(maskedName('customers.csv', scanner), 'customers.csv');
    const masked = maskedName(`keys ${KEY}.txt`, scanner);
    assert.ok(masked.startsWith('keys AKIA') && masked.endsWith('.txt') && !masked.includes(KEY), masked);
  });

  test('a reason is kept with its sensitive values replaced by placeholders, and cut at 1000 characters', () => {
    assert.equal(scrubbedJustification(`  approved by ${EMAIL}, key ${KEY} rotated  `, { scanner }), 'approved by [EMAIL_1], key [AWS_ACCESS_KEY_1] rotated');
    assert.equal(scrubbedJustification('x'.repeat(5000), { scanner }).length, 1000);
  });
});
