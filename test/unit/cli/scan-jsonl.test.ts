import assert from 'node:assert/strict';
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { RAW_VALUES, SYNTHETIC, runCli, tempDir } from './helpers';

const tmp = tempDir();

interface RecordResult {
  id: string | number | null;
  findings?: { type: string; category: string; start: number; end: number; confidence: number; preview: string; fingerprint?: string }[];
  error?: string;
}

function parseLines(stdout: string): RecordResult[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RecordResult);
}

describe('outflow scan --jsonl', () => {
  test('one output line per record, in input order, with offsets within the record text', async () => {
    const text = `write to ${SYNTHETIC.email} please`;
    const input = [
      { id: 'a', text: 'nothing here' },
      { id: 7, text },
      { id: 'c', text: `key ${SYNTHETIC.awsKey}`, extra: 'ignored' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const run = await runCli(['scan', '--jsonl', '-'], { input: `${input}\n` });
    assert.equal(run.code, 1, run.stderr);
    const results = parseLines(run.stdout);
    assert.deepEqual(
      results.map((r) => r.id),
      ['a', 7, 'c'],
    );
    assert.deepEqual(results[0]?.findings, []);
    const email = results[1]?.findings?.[0];
    assert.equal(email?.type, 'EMAIL');
    assert.equal(email?.start, text.indexOf(SYNTHETIC.email));
    assert.equal(email?.end, text.indexOf(SYNTHETIC.email) + SYNTHETIC.email.length);
    assert.deepEqual(Object.keys(email ?? {}).sort(), ['category', 'confidence', 'end', 'fingerprint', 'preview', 'start', 'type']);
    assert.equal(results[2]?.findings?.[0]?.type, 'AWS_ACCESS_KEY');
    for (const raw of RAW_VALUES) assert.ok(!run.stdout.includes(raw) && !run.stderr.includes(raw));
  });

  test('exit 0 when no record has a finding', async () => {
    const file = tmp.file('clean.jsonl', '{"id":1,"text":"hello"}\n{"id":2,"text":"world"}\n');
    const run = await runCli(['scan', '--jsonl', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(parseLines(run.stdout).length, 2);
  });

  test('bad lines are named by file and line, answered with an error line, and the run goes on to exit 2', async () => {
    const file = tmp.file(
      'mixed.jsonl',
      [
        JSON.stringify({ id: 1, text: SYNTHETIC.email }),
        `{"id": 2, "text": "${SYNTHETIC.awsKey}"`, // truncated JSON holding a secret
        JSON.stringify({ id: 3, body: 'no text field' }),
        '',
        JSON.stringify({ id: 4, text: 'fine' }),
      ].join('\n'),
    );
    const run = await runCli(['scan', '--jsonl', file]);
    assert.equal(run.code, 2);
    assert.ok(run.stderr.includes(`${file}:2: not valid JSON`), run.stderr);
    assert.ok(run.stderr.includes(`${file}:3: `), run.stderr);
    assert.match(run.stderr, /:3: .*text/);
    assert.ok(!run.stderr.includes(SYNTHETIC.awsKey) && !run.stdout.includes(SYNTHETIC.awsKey));
    const results = parseLines(run.stdout);
    assert.deepEqual(
      results.map((r) => [r.id, r.error === undefined]),
      [
        [1, true],
        [null, false],
        [3, false],
        [4, true],
      ],
    );
  });

  test('a file of a few hundred thousand lines streams through with bounded memory, in order', async () => {
    // About 110 MB. The child's V8 heap is capped well below that, so reading the file whole
    // would crash it; peak RSS growth over a one-line run must stay under half the file size.
    const path = `${tmp.dir}/big.jsonl`;
    const lines = 300_000;
    const out = createWriteStream(path);
    const filler = 'the user asked about the quarterly numbers and the roadmap for next year, please summarise. '.repeat(3);
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      chunk += `${JSON.stringify({ id: i, text: i % 10_000 === 0 ? `${filler} ${SYNTHETIC.email}` : filler })}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    const fileBytes = statSync(path).size;
    const small = tmp.file('one.jsonl', '{"id":0,"text":"x"}\n');

    const env = { NODE_OPTIONS: '--max-old-space-size=48' };
    const baseline = await runCli(['scan', '--jsonl', '--debug-stats', small], { env });
    const big = await runCli(['scan', '--jsonl', '--debug-stats', path], { env });
    assert.equal(big.code, 1, big.stderr.slice(0, 500));

    const stats = (run: { stderr: string }) => {
      const match = /outflow-debug-stats (.*)/.exec(run.stderr);
      assert.ok(match, 'the hidden --debug-stats flag prints its line');
      return JSON.parse(match[1] as string) as { maxRssBytes: number; lines: number; bytes: number };
    };
    const growth = stats(big).maxRssBytes - stats(baseline).maxRssBytes;
    assert.equal(stats(big).bytes, fileBytes);
    assert.ok(growth < fileBytes / 2, `RSS grew by ${(growth / 1e6).toFixed(0)} MB on a ${(fileBytes / 1e6).toFixed(0)} MB file`);

    // Order: ids come back 0, 1, 2, … (checked without parsing 300k JSON lines one by one).
    const ids = big.stdout.match(/^\{"id":(\d+),/gm) ?? [];
    assert.equal(ids.length, lines);
    for (let i = 0; i < lines; i += 997) assert.equal(ids[i], `{"id":${i},`);
    assert.equal(big.stdout.match(/"type":"EMAIL"/g)?.length, lines / 10_000);
  });
});
