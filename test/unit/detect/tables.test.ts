/**
 * Structure-aware reading of tabular text (sdk/src/detect/tables/): a cell ends at its delimiter,
 * a header gives bare values their context, and findings record the column they sat in.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner, scan } from '../../../sdk/src/detect/index';

/** `[type, matched text, column]` for each finding. */
function found(text: string): [string, string, string | undefined][] {
  return scan(text).map((f) => [f.type, text.slice(f.start, f.end), f.column]);
}

const ROW = '1042,Ada Byrne,536-22-8197,81.2.69.160,5425 2334 3010 9903,41.07,2024-03-01 09:12:44';

describe('cells end at their delimiter', () => {
  test("the issue's CSV row yields its SSN, public address and card", () => {
    assert.deepEqual(found(ROW), [
      ['US_SSN', '536-22-8197', undefined],
      ['IP_ADDRESS', '81.2.69.160', undefined],
      ['CREDIT_CARD', '5425 2334 3010 9903', undefined],
    ]);
  });

  test('outside a table a comma still groups thousands: 1,234,567 is one number, not three findings', () => {
    assert.deepEqual(found('we shipped 1,234,567 units and 12,536,228 more'), []);
    // The address before `,443` would be 160,443 if this were a number; on a lone line it is read so.
    assert.deepEqual(found('connect 81.2.69.160,443 now'), []);
    // A card's last group has four digits: the comma after it cannot group thousands.
    assert.deepEqual(found('card 5425233430109903,123').map(([type]) => type), ['CREDIT_CARD']);
  });

  test('in a table of two lines or more every comma delimits: an address then a port', () => {
    const text = 'host,port\n81.2.69.160,443\n81.2.69.161,8443';
    assert.deepEqual(found(text), [
      ['IP_ADDRESS', '81.2.69.160', 'host'],
      ['IP_ADDRESS', '81.2.69.161', 'host'],
    ]);
  });

  test('a quoted cell keeps its commas; TSV, semicolon and pipe rows split at their own delimiter', () => {
    assert.deepEqual(found('name,ssn\n"Byrne, Ada",536228197').map(([t, , c]) => [t, c]), [['US_SSN', 'ssn']]);
    assert.deepEqual(found('name\tssn\nAda Byrne\t536228197').map(([t, , c]) => [t, c]), [['US_SSN', 'ssn']]);
    assert.deepEqual(found('name;ssn\nAda Byrne;536228197').map(([t, , c]) => [t, c]), [['US_SSN', 'ssn']]);
  });
});

describe('a header gives bare values their context', () => {
  test('nine bare digits in an ssn column are an SSN; in another column they are not', () => {
    const text = 'id,ssn,order_no\n1042,536228197,536228198\n1043,412716634,412716635';
    assert.deepEqual(found(text), [
      ['US_SSN', '536228197', 'ssn'],
      ['US_SSN', '412716634', 'ssn'],
    ]);
  });

  test('a bare Aadhaar in an aadhaar column, a bare national phone number in a phone column', () => {
    assert.deepEqual(found('name,aadhaar_no\nAsha Rao,344733778578'), [['IN_AADHAAR', '344733778578', 'aadhaar_no']]);
    assert.deepEqual(found('name,Telefon\nAda Byrne,03012345678'), [['PHONE', '03012345678', 'Telefon']]);
    assert.deepEqual(found('name,order\nAda Byrne,03012345678'), []);
  });

  test('a header naming the type raises the confidence, halfway to certainty', () => {
    const [inColumn] = scan('name,phone\nAda,020 7946 0958');
    const [inProse] = scan('call 020 7946 0958');
    assert.equal(inProse!.confidence, 0.85);
    assert.equal(inColumn!.confidence, 0.925);
  });

  test('markdown tables, psql output and pg_dump COPY blocks', () => {
    const markdown = '| name | SSN |\n|------|-----|\n| Ada Byrne | 536228197 |';
    assert.deepEqual(found(markdown), [['US_SSN', '536228197', 'SSN']]);
    const psql = ' id |    ssn    \n----+-----------\n  1 | 536228197\n(1 row)';
    assert.deepEqual(found(psql), [['US_SSN', '536228197', 'ssn']]);
    const copy = 'COPY public.people (id, name, ssn) FROM stdin;\n1\tAda Byrne\t536228197\n2\tBob Ray\t412716634\n\\.';
    assert.deepEqual(found(copy).map(([t, , c]) => [t, c]), [['US_SSN', 'ssn'], ['US_SSN', 'ssn']]);
  });

  test('SQL INSERT … VALUES: the column list names each tuple column, on one line or many', () => {
    const oneLine = "INSERT INTO `people` (`id`, `name`, `ssn`) VALUES (1,'Byrne, Ada','536228197'),(2,'O\\'Neil','412716634');";
    assert.deepEqual(found(oneLine), [
      ['US_SSN', '536228197', 'ssn'],
      ['US_SSN', '412716634', 'ssn'],
    ]);
    const multiLine = "INSERT INTO people (id, name, phone, ssn)\nVALUES\n  (1, 'Ada', '4155552671', '536228197'),\n  (2, 'Bob', NULL, '412716634');";
    assert.deepEqual(found(multiLine), [
      ['PHONE', '4155552671', 'phone'],
      ['US_SSN', '536228197', 'ssn'],
      ['US_SSN', '412716634', 'ssn'],
    ]);
    // Without a column list the tuple columns have no names.
    assert.deepEqual(found("INSERT INTO people VALUES (1, 'Ada', '536228197');"), []);
  });

  test('JSON: a key names its value, in an array of objects or of arrays with a header row', () => {
    assert.deepEqual(found('[{"id": 1, "ssn": "536228197"}, {"id": 2, "ssn": "412716634"}]'), [
      ['US_SSN', '536228197', 'ssn'],
      ['US_SSN', '412716634', 'ssn'],
    ]);
    const arrays = '[\n  ["id", "name", "ssn"],\n  [1, "Ada", "536228197"],\n  [2, "Bob", "412716634"]\n]';
    assert.deepEqual(found(arrays).map(([t, , c]) => [t, c]), [['US_SSN', 'ssn'], ['US_SSN', 'ssn']]);
  });
});

describe('what is recorded as a column', () => {
  test('only identifier headers are recorded; a header with spaces still gives context', () => {
    assert.deepEqual(found('Name,Card Number\nAda,5425233430109903'), [['CREDIT_CARD', '5425233430109903', undefined]]);
    assert.deepEqual(found('Name,Social Security Number\nAda,536228197'), [['US_SSN', '536228197', undefined]]);
  });

  test('a first row of data is no header, and neither is a sentence', () => {
    assert.deepEqual(found('Ada Byrne,536-22-8197,ada@acme-corp.io\nBob Ray,412-71-6634,bob@acme-corp.io').map(([, , c]) => c), [undefined, undefined, undefined, undefined]);
    assert.deepEqual(found('Hi team, the number is 536228197, ok\nThanks, Ada, bye'), []);
  });

  test('events carry the column names of their findings, deduplicated and bounded', async () => {
    const { FindingAggregator } = await import('../../../sdk/src/intercept/findings');
    const aggregator = new FindingAggregator();
    for (const finding of scan('id,ssn\n1,536228197\n2,412716634')) aggregator.add('messages[0].content', finding, 'log');
    const [event] = aggregator.findings;
    assert.deepEqual(event!.columns, ['ssn']);
    assert.equal(event!.count, 2);
  });
});

describe('readers keep no state between scans', () => {
  test('one scanner, the same positions in different texts', () => {
    const scanner = createScanner();
    const table = 'id,ssn\n1,536228197';
    const prose = 'id and so\n1,536228197';
    assert.deepEqual(scanner.scan(table).map((f) => f.type), ['US_SSN']);
    assert.deepEqual(scanner.scan(prose).map((f) => f.type), []);
    assert.deepEqual(scanner.scan(table).map((f) => f.column), ['ssn']);
  });
});
