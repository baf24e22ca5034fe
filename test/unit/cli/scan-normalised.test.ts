/** `outflow scan` finds values written in encoded forms, at the offsets of the encoded text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan } from '../../../sdk/src/detect/index';
import { SYNTHETIC, runCli } from './helpers';

interface JsonFinding {
  type: string;
  line: number;
  column: number;
  start: number;
  end: number;
  preview: string;
}

test('outflow scan: percent-encoded, fullwidth and base64 values, spans over their encoded form', async () => {
  const encodedEmail = SYNTHETIC.email.replace('@', '%40');
  const fullwidthEmail = SYNTHETIC.email.replace('@', '＠');
  const encodedKey = btoa(`AWS_ACCESS_KEY_ID=${SYNTHETIC.awsKey}\nREGION=eu-west-1\n`);
  const input = `callback ?to=${encodedEmail}\nfrom ${fullwidthEmail}\nenv: ${encodedKey}\n`;
  const run = await runCli(['scan', '--format', 'json', '-'], { input });
  assert.equal(run.code, 1, run.stderr);
  const findings = (JSON.parse(run.stdout) as { files: { findings: JsonFinding[] }[] }).files[0]!.findings;
  assert.deepEqual(
    findings.map((f) => [f.type, f.line, f.column, input.slice(f.start, f.end)]),
    [
      ['EMAIL', 1, 14, encodedEmail],
      ['EMAIL', 2, 6, fullwidthEmail],
      ['AWS_ACCESS_KEY', 3, 30, encodedKey.slice(24, 52)],
    ],
  );
  // Each encoded form is previewed as its plain value is.
  const plainPreview = (value: string): string | undefined => scan(value)[0]?.preview;
  const email = plainPreview(SYNTHETIC.email);
  assert.ok(email);
  assert.deepEqual(findings.map((f) => f.preview), [email, email, plainPreview(SYNTHETIC.awsKey)]);
  for (const raw of [SYNTHETIC.email, SYNTHETIC.awsKey, encodedEmail, fullwidthEmail]) assert.ok(!run.stdout.includes(raw) && !run.stderr.includes(raw));
});
