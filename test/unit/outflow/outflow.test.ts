import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createOutflow } from '../../../sdk/src/index';
import { OutflowConfigError } from '../../../sdk/src/errors';
import { SDK_VERSION } from '../../../sdk/src/internal/runtime';

test('options are validated with clear errors', () => {
  assert.throws(() => createOutflow({ app: '' }), OutflowConfigError);
  assert.throws(() => createOutflow({ app: 'a', sessionId: 'has spaces' }), OutflowConfigError);
  assert.throws(() => createOutflow({ app: 'a', policy: { defaultAction: 'drop' as 'log' } }), OutflowConfigError);
});

test('Node defaults: a session id per instance, no sinks, nothing recorded before a call', () => {
  const a = createOutflow({ app: 'a' });
  const b = createOutflow({ app: 'a' });
  assert.notEqual(a.sessionId, b.sessionId);
  assert.equal(createOutflow({ app: 'a', sessionId: 'ticket-42' }).sessionId, 'ticket-42');
  assert.deepEqual(a.stats(), { calls: 0, events: 0, blocked: 0, redacted: 0, dropped: 0, errors: 0 });
});

test('the recorded SDK version is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../sdk/package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(SDK_VERSION, pkg.version);
});

test('stats().dropped includes what sinks with their own buffer had to drop', () => {
  const bounded = { name: 'bounded', dropped: 7, write: () => undefined };
  const outflow = createOutflow({ app: 'a', sinks: [bounded] });
  assert.equal(outflow.stats().dropped, 7);
  bounded.dropped = 9;
  assert.equal(outflow.stats().dropped, 9);
});
