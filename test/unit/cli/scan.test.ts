import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RAW_VALUES, SYNTHETIC, runCli, tempDir, type CliRun } from './helpers';

/** An organisation's key: at least 32 bytes, as every fingerprint key must be. */
const TEAM_KEY = 'team-fingerprint-key-of-32-bytes!';

const tmp = tempDir();

/** No raw synthetic value may appear anywhere the CLI prints. */
function assertNoRawValues(run: CliRun): void {
  for (const raw of RAW_VALUES) {
    assert.ok(!run.stdout.includes(raw), `stdout holds a raw value`);
    assert.ok(!run.stderr.includes(raw), `stderr holds a raw value`);
  }
}

const notes = tmp.file(
  'notes.txt',
  [
    'Meeting notes, nothing to see here.',
    `Ping ${SYNTHETIC.email} about the invoice.`,
    '',
    `  deploy with key ${SYNTHETIC.awsKey} tonight`,
    'config:',
    SYNTHETIC.privateKey,
    'end',
  ].join('\n'),
);
const clean = tmp.file('clean.txt', 'Just prose about passwords in general.\nNothing sensitive.\n');

interface JsonFinding {
  type: string;
  category: string;
  line: number;
  column: number;
  start: number;
  end: number;
  confidence: number;
  preview: string;
  fingerprint?: string;
}
interface JsonDocument {
  files: { path: string; findings: JsonFinding[] }[];
  summary: { files: number; findings: number };
}

describe('outflow scan FILE', () => {
  test('text output: path:line:col, type, masked preview, confidence; exit 1', async () => {
    const run = await runCli(['scan', notes]);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    const byType = (type: string) => lines.find((l) => l.split(/\s+/)[1] === type);
    assert.match(byType('EMAIL') ?? '', new RegExp(`^${escape(notes)}:2:6  EMAIL  \\S+  \\((0|1)\\.\\d\\d\\)$`));
    assert.match(byType('AWS_ACCESS_KEY') ?? '', new RegExp(`^${escape(notes)}:4:19  AWS_ACCESS_KEY  `));
    assert.match(byType('PRIVATE_KEY') ?? '', new RegExp(`^${escape(notes)}:6:1  PRIVATE_KEY  `));
    assertNoRawValues(run);
  });

  test('json output: one document with files and findings, offsets matching the file', async () => {
    const run = await runCli(['scan', '--format', 'json', notes, clean]);
    assert.equal(run.code, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as JsonDocument;
    assert.deepEqual(
      doc.files.map((f) => f.path),
      [notes, clean],
    );
    assert.deepEqual(doc.files[1]?.findings, []);
    const email = doc.files[0]?.findings.find((f) => f.type === 'EMAIL');
    assert.ok(email);
    const text = [
      'Meeting notes, nothing to see here.',
      `Ping ${SYNTHETIC.email} about the invoice.`,
    ].join('\n');
    assert.equal(email.start, text.indexOf(SYNTHETIC.email));
    assert.equal(email.end, email.start + SYNTHETIC.email.length);
    assert.deepEqual([email.line, email.column, email.category], [2, 6, 'pii']);
    assert.match(email.fingerprint ?? '', /^[0-9a-f]{16,64}$/);
    const key = doc.files[0]?.findings.find((f) => f.type === 'PRIVATE_KEY');
    assert.equal(key?.end, (key?.start ?? 0) + SYNTHETIC.privateKey.length, 'the whole PEM block is one finding');
    assert.equal(doc.summary.files, 2);
    assert.equal(doc.summary.findings, doc.files[0]?.findings.length);
    assertNoRawValues(run);
  });

  test('exit 0 and no output when nothing is found', async () => {
    const run = await runCli(['scan', clean]);
    assert.deepEqual([run.code, run.stdout], [0, '']);
  });

  test('- reads stdin, named "-" in the output', async () => {
    const run = await runCli(['scan', '-'], { input: `hello\nmail ${SYNTHETIC.email}\n` });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^-:2:6 {2}EMAIL {2}/);
    assertNoRawValues(run);
  });

  test('findings far past the first megabyte keep the right line and column, and a key across a block edge is found whole', async () => {
    // About 3 MB of filler lines, so the input is scanned in several blocks.
    const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n';
    const fillerLines = 40_000;
    const body = `${filler.repeat(fillerLines)}x ${SYNTHETIC.email}\n${SYNTHETIC.privateKey}\n${filler.repeat(200)}`;
    const path = tmp.file('big.txt', body);
    const run = await runCli(['scan', '--format', 'json', path]);
    assert.equal(run.code, 1, run.stderr);
    const findings = (JSON.parse(run.stdout) as JsonDocument).files[0]?.findings ?? [];
    assert.deepEqual(
      findings.map((f) => [f.type, f.line, f.column, f.start]),
      [
        ['EMAIL', fillerLines + 1, 3, body.indexOf(SYNTHETIC.email)],
        ['PRIVATE_KEY', fillerLines + 2, 1, body.indexOf('-----BEGIN')],
      ],
    );
  });

  test('fingerprints are stable under one key (--fingerprint-key or OUTFLOW_FINGERPRINT_KEY) and differ across random keys', async () => {
    const input = `${SYNTHETIC.email}\n`;
    const fingerprint = async (args: string[], env?: NodeJS.ProcessEnv) => {
      const run = await runCli(['scan', '--format', 'json', ...args, '-'], { input, ...(env ? { env } : {}) });
      return (JSON.parse(run.stdout) as JsonDocument).files[0]?.findings[0]?.fingerprint;
    };
    const a = await fingerprint(['--fingerprint-key', TEAM_KEY]);
    const b = await fingerprint([], { OUTFLOW_FINGERPRINT_KEY: TEAM_KEY });
    const c = await fingerprint([]);
    const d = await fingerprint([]);
    assert.ok(a);
    assert.equal(a, b);
    assert.notEqual(c, d);
    assert.notEqual(a, c);
  });

  test('a fingerprint key under 32 bytes exits 2, naming the rule and never the key', async () => {
    for (const [args, env] of [[['--fingerprint-key', 'team-key-1'], undefined], [[], { OUTFLOW_FINGERPRINT_KEY: 'team-key-1' }], [['--fingerprint-key', ''], undefined]] as const) {
      const run = await runCli(['scan', ...args, '-'], { input: `${SYNTHETIC.email}\n`, ...(env ? { env } : {}) });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /fingerprint key \(--fingerprint-key or OUTFLOW_FINGERPRINT_KEY\): at least 32 bytes/);
      assert.ok(!run.stderr.includes('team-key-1') && run.stdout === '');
    }
  });
});

describe('outflow scan filters and policies', () => {
  test('--types keeps only the listed types; --exclude-types drops them', async () => {
    const only = await runCli(['scan', '--types', 'EMAIL', notes]);
    assert.equal(only.code, 1);
    assert.deepEqual(typesIn(only.stdout), ['EMAIL']);
    const without = await runCli(['scan', '--exclude-types', 'EMAIL,PRIVATE_KEY', notes]);
    assert.deepEqual(typesIn(without.stdout), ['AWS_ACCESS_KEY']);
    const none = await runCli(['scan', '--types', 'AWS_ACCESS_KEY', clean]);
    assert.equal(none.code, 0);
  });

  test('an unknown type name exits 2 and lists the known types', async () => {
    const run = await runCli(['scan', '--types', 'EMAIL,NOT_A_TYPE', notes]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /NOT_A_TYPE/);
    assert.match(run.stderr, /known types: .*EMAIL.*AWS_ACCESS_KEY|known types: .*AWS_ACCESS_KEY.*EMAIL/);
    assert.equal(run.stdout, '');
  });

  test('--policy adds keyword and regex detectors and applies disabledTypes', async () => {
    const policy = tmp.file(
      'policy.json',
      JSON.stringify({
        customDetectors: [
          { kind: 'keywords', id: 'codenames', terms: ['Bluefin', 'Project Osprey'] },
          { kind: 'regex', id: 'ticket', pattern: 'TCK-[0-9]{6}' },
        ],
        disabledTypes: ['EMAIL'],
      }),
    );
    const text = tmp.file('plan.txt', `The bluefin launch\nsee TCK-123456 and ${SYNTHETIC.email}\n`);
    const run = await runCli(['scan', '--policy', policy, text]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(typesIn(run.stdout), ['CUSTOM:codenames', 'CUSTOM:ticket']);
    assert.match(run.stdout, /plan\.txt:1:5 {2}CUSTOM:codenames/);
    assert.match(run.stdout, /plan\.txt:2:5 {2}CUSTOM:ticket/);
    const onlyTicket = await runCli(['scan', '--policy', policy, '--types', 'CUSTOM:ticket', text]);
    assert.deepEqual(typesIn(onlyTicket.stdout), ['CUSTOM:ticket']);
  });

  test('a bad policy file exits 2 naming the file and the field, without its content', async () => {
    const policy = tmp.file(
      'bad-policy.json',
      JSON.stringify({ customDetectors: [{ kind: 'keywords', id: 'customers', terms: ['Globex Secret Client', ''] }] }),
    );
    const run = await runCli(['scan', '--policy', policy, clean]);
    assert.equal(run.code, 2);
    assert.ok(run.stderr.includes(policy), run.stderr);
    assert.match(run.stderr, /customDetectors\[0\]\.terms\[1\]/);
    assert.ok(!run.stderr.includes('Globex'));

    const notJson = tmp.file('broken-policy.json', '{\n  "rules": [\n    oops-hunter2\n  ]\n}');
    const broken = await runCli(['scan', '--policy', notJson, clean]);
    assert.equal(broken.code, 2);
    assert.ok(broken.stderr.includes(`${notJson}: not valid JSON`), broken.stderr);
    assert.ok(!broken.stderr.includes('hunter2'));

    const missing = await runCli(['scan', '--policy', `${tmp.dir}/nope.json`, clean]);
    assert.equal(missing.code, 2);
    assert.ok(missing.stderr.includes('nope.json'));
  });
});

describe('outflow scan usage', () => {
  test('bad usage exits 2 with a message', async () => {
    const cases: [string[], RegExp][] = [
      [['scan'], /at least one FILE/],
      [['scan', '--format', 'xml', clean], /--format must be one of text, json/],
      [['scan', '--bogus', clean], /--bogus/],
      [['scan', `${tmp.dir}/missing.txt`], /missing\.txt: no such file/],
      [['scan', tmp.dir], /not a regular file/],
      [['scan', '--jsonl', clean, clean], /exactly one/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });

  test('--help, scan --help and --version', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /outflow <command>/);
    const scanHelp = await runCli(['scan', '--help']);
    assert.equal(scanHelp.code, 0);
    assert.match(scanHelp.stdout, /random key per run/);
    assert.match(scanHelp.stdout, /--exclude-types/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

function typesIn(stdout: string): string[] {
  return [...new Set(stdout.trim().split('\n').filter(Boolean).map((line) => line.split(/\s+/)[1] ?? ''))].sort();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
