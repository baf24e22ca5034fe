/**
 * The organisation export's pure parts: the retry schedule, which collector answers are retried,
 * the queue's bounds, and how IT's managed values are read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelayMs, classifyResponse, nextAttemptAt, RETRY_AFTER_MAX_MS, retryAfterMs } from '../../../extension/src/background/export-retry';
import { boundCursor, MAX_QUEUED_EVENTS } from '../../../extension/src/store/export-queue';
import { parseFingerprintKey, parseOtlpConfig } from '../../../extension/src/org-settings';
import { exportProgress } from '../../../extension/src/ui/options/export-progress';
import { formatAgo } from '../../../extension/src/ui/shared/format';

describe('backoff', () => {
  test('doubles from 1 s to a 10 min ceiling, jittered between half and all of it', () => {
    const low = (failures: number) => backoffDelayMs(failures, () => 0);
    const high = (failures: number) => backoffDelayMs(failures, () => 1);
    assert.deepEqual([1, 2, 3, 4].map(high), [1000, 2000, 4000, 8000]);
    assert.deepEqual([1, 2, 3, 4].map(low), [500, 1000, 2000, 4000]);
    assert.equal(high(30), BACKOFF_MAX_MS);
    assert.equal(high(1000), BACKOFF_MAX_MS, 'no overflow after a long outage');
    assert.equal(low(30), BACKOFF_MAX_MS / 2);
    assert.equal(high(0), BACKOFF_BASE_MS);
  });

  test('a Retry-After longer than the backoff wins; a shorter one does not shorten it', () => {
    const now = 1_700_000_000_000;
    assert.equal(nextAttemptAt(now, 1, 120_000, () => 1), now + 120_000);
    assert.equal(nextAttemptAt(now, 5, 1000, () => 1), now + 16_000);
  });
});

describe('collector answers', () => {
  const now = Date.parse('2026-12-05T12:00:00Z');
  test('2xx is delivered; 400 refuses the data (never resent); everything else is retried', () => {
    assert.deepEqual(classifyResponse(200, null, now), { kind: 'delivered' });
    assert.deepEqual(classifyResponse(204, null, now), { kind: 'delivered' });
    assert.equal(classifyResponse(400, null, now).kind, 'refused');
    for (const status of [401, 403, 404, 408, 413, 429, 500, 502, 503, 504]) assert.equal(classifyResponse(status, null, now).kind, 'retry', String(status));
    assert.match((classifyResponse(401, null, now) as { reason: string }).reason, /HTTP 401 \(check the headers IT configured\)/);
  });

  test('Retry-After in seconds or as a date, on 429 and 503 only, capped at an hour', () => {
    assert.equal((classifyResponse(429, '30', now) as { retryAfterMs?: number }).retryAfterMs, 30_000);
    assert.equal((classifyResponse(503, 'Sat, 05 Dec 2026 12:02:00 GMT', now) as { retryAfterMs?: number }).retryAfterMs, 120_000);
    assert.equal((classifyResponse(500, '30', now) as { retryAfterMs?: number }).retryAfterMs, undefined);
    assert.equal(retryAfterMs('999999', now), RETRY_AFTER_MAX_MS);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('Fri, 04 Dec 2026 12:00:00 GMT', now), 0, 'a date in the past means now');
  });
});

describe('queue bounds', () => {
  test('nothing skipped while the queue is within its bound and the store still holds every queued event', () => {
    assert.deepEqual(boundCursor(10, { baseSeq: 5, headSeq: 50 }, 100), { cursor: 10, dropped: {} });
  });

  test('events evicted before they were sent are skipped and counted', () => {
    assert.deepEqual(boundCursor(10, { baseSeq: 25, headSeq: 50 }, 100), { cursor: 25, dropped: { 'evicted-before-export': 15 } });
  });

  test('over the bound the oldest are skipped and counted as queue-full; the newest bound-many stay', () => {
    assert.deepEqual(boundCursor(-1, { baseSeq: -1, headSeq: 149 }, 100), { cursor: 49, dropped: { 'queue-full': 50 } });
    const both = boundCursor(0, { baseSeq: 10, headSeq: 10 + MAX_QUEUED_EVENTS + 3 });
    assert.deepEqual(both, { cursor: 13, dropped: { 'evicted-before-export': 10, 'queue-full': 3 } });
  });
});

describe('managed settings', () => {
  test('export.otlp: /v1/logs appended as the SDK does, headers kept, bad values refused with a reason', () => {
    assert.deepEqual(parseOtlpConfig({ endpoint: 'https://otel.example.com:4318/', headers: { 'x-api-key': 'k' } }), { url: 'https://otel.example.com:4318/v1/logs', headers: { 'x-api-key': 'k' } });
    assert.deepEqual(parseOtlpConfig({ endpoint: 'http://127.0.0.1:4318/v1/logs' }), { url: 'http://127.0.0.1:4318/v1/logs', headers: {} });
    assert.match((parseOtlpConfig({ endpoint: 'ftp://x' }) as { error: string }).error, /endpoint must be an http\(s\) URL/);
    assert.match((parseOtlpConfig({ endpoint: 'https://user:pw@otel.example.com' }) as { error: string }).error, /credentials in export\.otlp\.headers/);
    assert.match((parseOtlpConfig({ endpoint: 'https://otel.example.com', headers: { 'Content-Type': 'text/plain' } }) as { error: string }).error, /set by the extension/);
    assert.match((parseOtlpConfig('https://otel.example.com') as { error: string }).error, /export\.otlp is ignored/);
  });

  test('fingerprintKey: at least 32 bytes, the SDK rule', () => {
    assert.deepEqual(parseFingerprintKey('k'.repeat(32)), { key: 'k'.repeat(32) });
    assert.match((parseFingerprintKey('short') as { error: string }).error, /5 bytes, an organisation key has at least 32/);
    assert.match((parseFingerprintKey(42) as { error: string }).error, /must be a string/);
  });
});

test('options says how far the export is', () => {
  const now = Date.parse('2026-12-05T12:00:00Z');
  const base = { configured: true as const, problems: [], url: 'https://otel.example.com/v1/logs', headerNames: [], hostAccess: true, delivered: 10, dropped: {} };
  assert.equal(exportProgress({ ...base, pending: 0, lastSuccessAt: now - 125_000 }, now), 'Last export 2 min ago, 0 pending');
  assert.equal(exportProgress({ ...base, pending: 1234 }, now), 'Nothing exported yet, 1,234 pending');
  assert.equal(formatAgo(now - 10_000, now), 'just now');
  assert.equal(formatAgo(now - 3 * 3600_000, now), '3 h ago');
});
