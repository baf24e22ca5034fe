import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPageMessage, screenMessage } from '../../../extension/src/content/screen';
import { tokenBucket } from '../../../extension/src/content/token-bucket';
import { isAllowedOrigin, matchPatternOf, parseOrigin } from '../../../extension/src/background/origins';
import { LIMITS } from '../../../sdk/src/schema';
import { flowEvent } from '../../e2e/helpers/flow-events';

describe('bridge screening', () => {
  test('only page messages on the outflow channel are considered; the extension’s own replies are not', () => {
    assert.equal(isPageMessage({ channel: 'outflow', v: 1, type: 'hello', app: 'a' }), true);
    assert.equal(isPageMessage({ channel: 'outflow', v: 1, type: 'ack', ids: [] }), false);
    assert.equal(isPageMessage({ channel: 'outflow', v: 1, type: 'ready', extensionVersion: '1' }), false);
    assert.equal(isPageMessage({ channel: 'other' }), false);
    assert.equal(isPageMessage('outflow'), false);
    assert.equal(isPageMessage(null), false);
  });

  test('valid hello and events pass; each refusal has its reason', () => {
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 1, type: 'hello', app: 'support' }), { kind: 'hello', app: 'support' });
    const event = flowEvent();
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 1, type: 'events', events: [event] }), { kind: 'events', events: [event] });
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 2, type: 'events', events: [event] }), { kind: 'reject', reason: 'unknown-version' });
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 1, type: 'events', events: [{ ...event, decision: 'maybe' }] }), { kind: 'reject', reason: 'invalid' });
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 1, type: 'events', events: [] }), { kind: 'reject', reason: 'invalid' });
    // A page cannot pass its events off as the extension's own web-app capture.
    const posing = { ...event, source: { ...event.source, kind: 'web-app', app: 'chatgpt' } };
    assert.deepEqual(screenMessage({ channel: 'outflow', v: 1, type: 'events', events: [posing] }), { kind: 'reject', reason: 'invalid' });
    // Events of SDKs from before `source.kind` are SDK events.
    const { kind: _kind, ...older } = event.source;
    const screened = screenMessage({ channel: 'outflow', v: 1, type: 'events', events: [{ ...event, source: older }] });
    assert.equal(screened.kind === 'events' && screened.events[0]?.source.kind, 'sdk');
    const big = { channel: 'outflow', v: 1, type: 'events', events: [event], pad: 'x'.repeat(LIMITS.bridgeMessageChars) };
    assert.deepEqual(screenMessage(big), { kind: 'reject', reason: 'too-large' });
    const cyclic: Record<string, unknown> = { channel: 'outflow', v: 1, type: 'hello', app: 'a' };
    cyclic.self = cyclic;
    assert.deepEqual(screenMessage(cyclic), { kind: 'reject', reason: 'invalid' });
  });

  test('the token bucket allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = tokenBucket({ capacity: 3, perSecond: 2, now: () => now });
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
    now += 500;
    assert.deepEqual([bucket.take(), bucket.take()], [true, false]);
    now += 60_000;
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false], 'refills only to capacity');
  });
});

describe('allowed origins', () => {
  test('parses what people type into an origin, and refuses what cannot be one', () => {
    assert.deepEqual(parseOrigin('support.example.com'), { origin: 'https://support.example.com' });
    assert.deepEqual(parseOrigin(' https://support.example.com:8443/tickets?x=1 '), { origin: 'https://support.example.com:8443' });
    assert.ok('error' in parseOrigin('ftp://files.example.com'));
    assert.ok('error' in parseOrigin('https://*.example.com'));
    assert.ok('error' in parseOrigin('https://user:pw@example.com'));
  });

  test('match patterns drop the port; the trust check keeps it', () => {
    assert.equal(matchPatternOf('https://support.example.com:8443'), 'https://support.example.com/*');
    assert.equal(isAllowedOrigin('https://support.example.com:8443', ['https://support.example.com:8443']), true);
    assert.equal(isAllowedOrigin('https://support.example.com:9000', ['https://support.example.com:8443']), false);
    assert.equal(isAllowedOrigin('http://localhost:5173', []), true);
    assert.equal(isAllowedOrigin('http://127.0.0.1:4000', []), true);
    assert.equal(isAllowedOrigin('http://127.0.0.2:4000', []), false);
    assert.equal(isAllowedOrigin('https://localhost', []), false);
  });
});
