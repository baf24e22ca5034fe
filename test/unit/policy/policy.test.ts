import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy, enforcedBySdk, stricter } from '../../../sdk/src/policy';
import { ACTIONS } from '../../../sdk/src/schema';
import { OutflowConfigError } from '../../../sdk/src/errors';

const openai = { host: 'api.openai.com', provider: 'openai' };
const anthropic = { host: 'api.anthropic.com', provider: 'anthropic' };

test('the strictest matching rule wins; the default applies when none matches', () => {
  const policy = compilePolicy({
    defaultAction: 'log',
    rules: [
      { categories: ['secret'], action: 'block' },
      { types: ['EMAIL'], action: 'redact' },
      { types: ['EMAIL'], categories: ['pii'], action: 'log' },
      { destinations: ['api.openai.com'], types: ['IBAN'], action: 'block' },
    ],
  });
  assert.equal(policy.actionFor('AWS_ACCESS_KEY', 'secret', openai), 'block');
  assert.equal(policy.actionFor('EMAIL', 'pii', openai), 'redact');
  assert.equal(policy.actionFor('IBAN', 'financial', openai), 'block');
  assert.equal(policy.actionFor('IBAN', 'financial', anthropic), 'log');
  assert.equal(policy.actionFor('US_SSN', 'pii', anthropic), 'log');
  assert.equal(compilePolicy({ defaultAction: 'redact' }).actionFor('US_SSN', 'pii', anthropic), 'redact');
});

test('destinations match hosts, wildcards and provider names', () => {
  const policy = compilePolicy({ rules: [{ destinations: ['*.openai.azure.com', 'anthropic'], action: 'block' }] });
  assert.equal(policy.actionFor('EMAIL', 'pii', { host: 'contoso.openai.azure.com', provider: 'azure-openai' }), 'block');
  assert.equal(policy.actionFor('EMAIL', 'pii', anthropic), 'block');
  assert.equal(policy.actionFor('EMAIL', 'pii', openai), 'log');
});

test('allowedDestinations: unset allows all; set allows only what it names', () => {
  assert.equal(compilePolicy().allows(openai), true);
  const policy = compilePolicy({ allowedDestinations: ['openai', '*.corp.example'] });
  assert.equal(policy.allows(openai), true);
  assert.equal(policy.allows({ host: 'ai.corp.example', provider: 'openai-compatible' }), true);
  assert.equal(policy.allows(anthropic), false);
});

test('an invalid policy throws OutflowConfigError naming the field, not the value', () => {
  assert.throws(
    () => compilePolicy({ rules: [{ types: ['EMAIL'], action: 'shred' as 'block' }] }),
    (error: unknown) => error instanceof OutflowConfigError && /rules\[0\]\.action/.test(error.message) && !error.message.includes('shred'),
  );
});

test('warn and justify rank between log and redact: log < warn < justify < redact < block', () => {
  const policy = compilePolicy({
    rules: [
      { types: ['EMAIL'], action: 'warn' },
      { categories: ['pii'], action: 'justify' },
      { types: ['PHONE'], action: 'warn' },
      { types: ['PHONE'], action: 'redact' },
    ],
  });
  assert.equal(policy.actionFor('EMAIL', 'pii', openai), 'justify');
  assert.equal(policy.actionFor('PHONE', 'pii', openai), 'redact');
  assert.equal(policy.actionFor('IBAN', 'financial', openai), 'log');
  assert.equal(stricter('warn', 'log'), 'warn');
  assert.equal(stricter('justify', 'redact'), 'redact');
});

test('the SDK has no one to ask: warn and justify are enforced as log and do not make calls wait for their scan', () => {
  assert.deepEqual(ACTIONS.map(enforcedBySdk), ['log', 'log', 'log', 'redact', 'block']);
  assert.equal(compilePolicy({ defaultAction: 'justify', rules: [{ types: ['EMAIL'], action: 'warn' }] }).canChangeCalls, false);
  assert.equal(compilePolicy({ rules: [{ types: ['EMAIL'], action: 'warn' }, { types: ['IBAN'], action: 'redact' }] }).canChangeCalls, true);
});
