/**
 * The preview rule: a preview shows at most MAX_REVEALED characters beyond its type's public
 * prefix, and never more than a quarter of the value (the prefix included). Checked for every
 * built-in detector's examples — a new detector is held to it by its own examples — and for every
 * masking building block at every length, so no combination of them can break it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_DETECTORS, createScanner } from '../../../sdk/src/detect/index';
import { defaultMask, KEYWORD_PREVIEW, MASK_CHAR, MAX_REVEALED, maskDefault, maskDigits, maskEmail, maskKeeping } from '../../../sdk/src/detect/mask';
import type { Detector } from '../../../sdk/src/detect/types';
import { createOutflow } from '../../../sdk/src/index';
import { OutflowConfigError } from '../../../sdk/src/errors';

const shown = (preview: string): number => [...preview].filter((c) => c !== MASK_CHAR).length;

/** A token's literal prefix names its kind (`AKIA`, `ghp_`, `sk-ant-`), not the token. */
function publicPrefix(detector: Detector, value: string): number {
  if (detector.trigger.kind !== 'prefix') return 0;
  return Math.max(0, ...detector.trigger.prefixes.filter((p) => value.startsWith(p)).map((p) => p.length));
}

function assertRule(preview: string, value: string, prefix: number, what: string): void {
  const revealed = shown(preview);
  assert.ok(revealed <= prefix + MAX_REVEALED, `${what}: ${revealed} characters shown, prefix ${prefix} (${preview})`);
  assert.ok(revealed <= value.length / 4, `${what}: ${revealed} of ${value.length} characters shown (${preview})`);
  assert.ok(preview.length <= 64, `${what}: preview longer than 64`);
}

describe('previews', () => {
  const scanner = createScanner();

  test('every built-in detector, on every one of its examples, keeps the rule', () => {
    let checked = 0;
    for (const detector of BUILTIN_DETECTORS) {
      for (const example of detector.examples.match) {
        for (const finding of scanner.scan(example).filter((f) => f.type === detector.id)) {
          const value = example.slice(finding.start, finding.end);
          assertRule(finding.preview, value, publicPrefix(detector, value), `${detector.id} ${JSON.stringify(example).slice(0, 40)}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= BUILTIN_DETECTORS.length);
  });

  test('a 16-character password or hex key shows four characters at most, a prefixed token its prefix and four more', () => {
    for (const text of ['DB_PASSWORD=Vq8mT2xLp9RwZk3N', 'api_key = "c7f3a9e1b2d84f6a"', 'secret: c7f3a9e1b2d84f6a9c0e5b3d7f1a2c4e']) {
      const [finding] = scanner.scan(text);
      assert.ok(finding, text);
      assert.ok(shown(finding.preview) <= 4, `${text}: ${finding.preview}`);
    }
    const [aws] = scanner.scan('key AKIA4QZ7RNXW2MBT6KLP');
    assert.ok(aws && aws.preview.startsWith('AKIA'));
    assert.ok(shown(aws.preview) <= 5, aws.preview);
    const [anthropic] = scanner.scan(`key sk-ant-api03-${'Hq7Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0Gj6Q2AA'.repeat(2)}`);
    assert.ok(anthropic && anthropic.preview.startsWith('sk-ant-'));
    assert.ok(shown(anthropic.preview) <= 'sk-ant-'.length + 4, anthropic.preview);
  });

  test('every building block keeps the rule at every length', () => {
    for (let length = 1; length <= 200; length++) {
      const value = 'Ab3-'.repeat(50).slice(0, length);
      const digits = '4111 '.repeat(40).slice(0, length);
      assertRule(maskDefault(value), value, 0, `maskDefault ${length}`);
      assertRule(maskDigits(digits, 4), digits, 0, `maskDigits ${length}`);
      for (const prefix of [0, 2, 4, 7, 11]) assertRule(maskKeeping(value, prefix, 10), value, prefix, `maskKeeping ${length}/${prefix}`);
      assertRule(defaultMask({ kind: 'prefix', prefixes: ['Ab3', 'Ab3-A'] })(value), value, Math.min(length, 5), `defaultMask ${length}`);
      const address = `${'j'.repeat(Math.max(1, length - 8))}@c.co.uk`;
      assertRule(maskEmail(address), address, 0, `maskEmail ${length}`);
    }
  });

  test('custom keyword previews reveal neither letters nor length; custom patterns keep the rule', () => {
    const custom = createScanner({
      customDetectors: [
        { kind: 'keywords', id: 'projects', terms: ['Nightjar', 'Operation Blue Heron Expansion'] },
        { kind: 'regex', id: 'ticket', pattern: 'TKT-[0-9]{16}' },
      ],
    });
    const findings = custom.scan('Nightjar and Operation Blue Heron Expansion, ref TKT-1234567890123456');
    const previews = findings.map((f) => [f.type, f.preview]);
    assert.deepEqual(previews.slice(0, 2), [['CUSTOM:projects', KEYWORD_PREVIEW], ['CUSTOM:projects', KEYWORD_PREVIEW]]);
    assert.equal(shown(KEYWORD_PREVIEW), 0);
    const ticket = findings.find((f) => f.type === 'CUSTOM:ticket');
    assert.ok(ticket);
    assertRule(ticket.preview, 'TKT-1234567890123456', 0, 'custom regex');
  });
});

describe('fingerprintKey', () => {
  const create = (fingerprintKey: string | Uint8Array) => createOutflow({ app: 'keys', sinks: [], fingerprintKey });

  test('shorter than 32 bytes is refused at createOutflow, with a message that names the option and never the key', () => {
    for (const key of ['Zq', 'team-fingerprint-key', 'x'.repeat(31), new Uint8Array(16), 'é'.repeat(15)]) {
      assert.throws(
        () => create(key),
        (error: unknown) => error instanceof OutflowConfigError && error.message.startsWith('options.fingerprintKey:') && /32 bytes/.test(error.message) && (typeof key !== 'string' || !error.message.includes(key)),
      );
    }
    assert.throws(() => create(42 as unknown as string), OutflowConfigError);
  });

  test('32 bytes or more is accepted (a string counts its UTF-8 bytes)', async () => {
    for (const key of ['x'.repeat(32), 'é'.repeat(16), new Uint8Array(32), 'a'.repeat(64)]) await create(key).close();
  });
});
