import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OutflowConfigError } from '../../../sdk/src/errors';
import { loadPolicyFile, parsePolicyText } from '../../../sdk/src/policy-file';
import { tempDir } from './helpers';

const tmp = tempDir();

function errorOf(fn: () => unknown): OutflowConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof OutflowConfigError);
    return error;
  }
  assert.fail('expected an OutflowConfigError');
}

describe('policy files', () => {
  test('a valid file is parsed with the schema defaults filled in', () => {
    const path = tmp.file('ok.json', JSON.stringify({ rules: [{ categories: ['secret'], action: 'block' }] }));
    const policy = loadPolicyFile(path);
    assert.equal(policy.defaultAction, 'log');
    assert.deepEqual(policy.customDetectors, []);
    assert.deepEqual(policy.rules, [{ categories: ['secret'], action: 'block' }]);
  });

  test('a schema error names the file and the field path, not the value', () => {
    const error = errorOf(() =>
      parsePolicyText(JSON.stringify({ rules: [{ action: 'log' }, { action: 'explode-acme-secret' }] }), 'org-policy.json'),
    );
    assert.match(error.message, /^org-policy\.json: invalid policy: rules\[1\]\.action: /);
    assert.ok(!error.message.includes('acme-secret'));
  });

  test('a JSON syntax error gives the position, never the text around it', () => {
    const error = errorOf(() => parsePolicyText('{\n  "rules": [],\n  "x": 1,\n}', 'p.json'));
    assert.match(error.message, /^p\.json: not valid JSON( at line 4 column 1)?$/);
    const quoted = errorOf(() => parsePolicyText('{"terms": [Globex-Internal]}', 'p.json'));
    assert.ok(!quoted.message.includes('Globex'), quoted.message);
  });

  test('a missing file is named', () => {
    const error = errorOf(() => loadPolicyFile(`${tmp.dir}/absent.json`));
    assert.match(error.message, /absent\.json: cannot read the policy file \(ENOENT\)/);
  });
});
