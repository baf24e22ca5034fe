import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PolicySchema } from '../../../sdk/src/schema';
import { DEFAULT_POLICY, effectivePolicy, policyHolds } from '../../../extension/src/background/policy-merge';
import { aiAppForHost, appDisplayName, isOrgDomain } from '../../../extension/src/discovery/ai-apps';

const policy = (input: unknown) => PolicySchema.parse(input);

describe('the policy in the AI web apps', () => {
  test('no policy at all: log everything; the employee’s alone when IT sets none', () => {
    assert.deepEqual(effectivePolicy(undefined, undefined, true), { policy: DEFAULT_POLICY, source: 'default' });
    const mine = policy({ rules: [{ types: ['EMAIL'], action: 'warn' }] });
    assert.deepEqual(effectivePolicy(undefined, mine, true), { policy: mine, source: 'employee' });
  });

  test('IT’s policy wins; an allowed employee can only add to it, never loosen it', () => {
    const it = policy({ defaultAction: 'warn', rules: [{ categories: ['secret'], action: 'block' }], allowedDestinations: ['openai'], disabledTypes: ['PHONE'], customDetectors: [{ kind: 'keywords', id: 'falcon', terms: ['Falcon'] }] });
    const mine = policy({
      defaultAction: 'log',
      rules: [{ categories: ['secret'], action: 'log' }, { types: ['EMAIL'], action: 'justify' }],
      disabledTypes: ['EMAIL'],
      customDetectors: [{ kind: 'keywords', id: 'falcon', terms: ['nothing'] }, { kind: 'keywords', id: 'heron', terms: ['Heron'] }],
    });
    assert.deepEqual(effectivePolicy(it, mine, false), { policy: it, source: 'managed' });
    const merged = effectivePolicy(it, mine, true);
    assert.equal(merged.source, 'managed+employee');
    assert.equal(merged.policy.defaultAction, 'warn', 'the stricter default');
    assert.deepEqual(merged.policy.rules.map((rule) => rule.action), ['block', 'log', 'justify'], 'a looser rule adds nothing: the strictest match wins');
    assert.deepEqual(merged.policy.allowedDestinations, ['openai']);
    assert.deepEqual(merged.policy.disabledTypes, ['PHONE'], 'an employee cannot turn detectors off');
    assert.deepEqual(merged.policy.customDetectors.map((detector) => detector.id), ['falcon', 'heron']);
  });

  test('a policy holds sends for their verdict only when it can do more than log', () => {
    assert.equal(policyHolds(DEFAULT_POLICY), false);
    assert.equal(policyHolds(policy({ rules: [{ types: ['EMAIL'], action: 'log' }] })), false);
    assert.equal(policyHolds(policy({ rules: [{ types: ['EMAIL'], action: 'warn' }] })), true);
    assert.equal(policyHolds(policy({ defaultAction: 'redact' })), true);
    assert.equal(policyHolds(policy({ allowedDestinations: ['anthropic'] })), true);
  });
});

describe('AI app domains', () => {
  test('a host belongs to the longest listed domain it is or is under; other hosts to none', () => {
    assert.equal(aiAppForHost('chatgpt.com')?.app, 'chatgpt');
    assert.equal(aiAppForHost('www.perplexity.ai')?.app, 'perplexity');
    assert.equal(aiAppForHost('poe.com')?.name, 'Poe');
    assert.equal(aiAppForHost('eu.poe.com')?.domain, 'poe.com');
    assert.equal(aiAppForHost('notebooklm.google.com')?.name, 'NotebookLM');
    assert.equal(aiAppForHost('google.com'), undefined);
    assert.equal(aiAppForHost('notpoe.com'), undefined, 'a suffix is not a subdomain');
    assert.equal(aiAppForHost('chatgpt.com.evil.example'), undefined);
  });

  test('work domains match themselves and their subdomains only', () => {
    assert.equal(isOrgDomain('acme.com', ['acme.com']), true);
    assert.equal(isOrgDomain('eu.acme.com', ['acme.com']), true);
    assert.equal(isOrgDomain('notacme.com', ['acme.com']), false);
    assert.equal(isOrgDomain('gmail.com', []), false);
  });

  test('apps are shown by the name people know', () => {
    assert.equal(appDisplayName('mistral'), 'Le Chat');
    assert.equal(appDisplayName('support-assistant'), 'support-assistant');
  });
});
