import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner, fingerprint, scan } from '../../../sdk/src/detect/index';
import { OutflowConfigError } from '../../../sdk/src/errors';

const TOKEN = 'ghp_R8x2Lq9VbN4mZt7YwK1cJ5hD3sF6gP0aE2uI';

describe('scan', () => {
  test('findings are sorted by start and carry exact spans, masked previews and no raw value', () => {
    const text = `mail jane.doe@acme-corp.com then token ${TOKEN}`;
    const findings = scan(text);
    assert.deepEqual(findings.map((f) => f.type), ['EMAIL', 'GITHUB_TOKEN']);
    assert.equal(text.slice(findings[0]!.start, findings[0]!.end), 'jane.doe@acme-corp.com');
    assert.equal(findings[0]!.preview, '•••@•••');
    assert.equal(findings[1]!.preview, 'ghp_••••••••••••••••••••••••••••••••E2uI');
    assert.ok(!JSON.stringify(findings).includes('jane.doe') && !JSON.stringify(findings).includes(TOKEN));
    for (const f of findings) assert.ok(f.preview.length <= 64 && f.fingerprint === undefined);
  });

  test('fingerprints: keyed, stable across formatting, different under another key', () => {
    const key = 'install-key-of-at-least-32-bytes!';
    const a = createScanner({ fingerprintKey: key }).scan('card 4965 4425 7217 5130')[0]!;
    const b = createScanner({ fingerprintKey: key }).scan('card 4965-4425-7217-5130')[0]!;
    const c = createScanner({ fingerprintKey: new TextEncoder().encode('another-key-of-at-least-32-bytes') }).scan('card 4965442572175130')[0]!;
    assert.match(a.fingerprint!, /^[0-9a-f]{32}$/);
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
    assert.equal(a.fingerprint, fingerprint('4965442572175130', key));
  });

  test('a fingerprint key under 32 bytes is refused, as createOutflow refuses it; the message never quotes the key', () => {
    for (const key of ['install-key', 'x'.repeat(31), new Uint8Array(16)]) {
      assert.throws(
        () => createScanner({ fingerprintKey: key }),
        (error: unknown) => error instanceof OutflowConfigError && /^fingerprintKey: at least 32 bytes/.test(error.message) && (typeof key !== 'string' || !error.message.includes(key)),
      );
    }
  });

  test('overlaps: the specific type wins (JWT over GENERIC_SECRET, PASSWORD_IN_URL over EMAIL)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4MjkxMDQ3In0.Qm7Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1L';
    assert.deepEqual(scan(`token: "${jwt}"`).map((f) => f.type), ['JWT']);
    assert.deepEqual(scan('amqp://svc:Kx82mQ@rabbit.acme.io/vhost').map((f) => f.type), ['PASSWORD_IN_URL']);
  });

  test('an HTTP auth scheme is skipped: the credential after `Bearer ` is the finding, anywhere in the text', () => {
    const text = 'curl -H "Authorization: Bearer 7Hq2Rk9Lm4Xv8Bn6Tz1W" https://api.acme.io';
    const findings = scan(text);
    assert.deepEqual(findings.map((f) => [f.type, text.slice(f.start, f.end)]), [['GENERIC_SECRET', '7Hq2Rk9Lm4Xv8Bn6Tz1W']]);
  });

  test('state shared between anchors lives in one scan: the same positions in another text are read afresh', () => {
    // IP_ADDRESS/INTERNAL_IP share a read per anchor, IBAN reads a path across anchors.
    const scanner = createScanner();
    const a = 'at 10.20.30.40 and DE27 2009 8606 5792 9686 81';
    const b = 'at 81.2.69.160 and DE27 2009 8606 5792 9686 8X';
    assert.deepEqual(scanner.scan(a).map((f) => f.type), ['INTERNAL_IP', 'IBAN']);
    assert.deepEqual(scanner.scan(b).map((f) => f.type), ['IP_ADDRESS']);
    assert.deepEqual(scanner.scan(a).map((f) => f.type), ['INTERNAL_IP', 'IBAN']);
  });

  // The prefilter skips work on floods of one anchor (`a@a@…`, `GB82 GB82 …`, `secret secret …`);
  // each shortcut must still let through the real value sitting in or after the flood.
  test('dense `@`: an e-mail or URL password after thousands of bare `@` is still found', () => {
    const text = `${'a@'.repeat(5000)} jane@acme-corp.com ${'x.y@'.repeat(3000)} postgres://app:Kx82mQ@db/main ${'a@b.c@'.repeat(100)}`;
    const found = scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
    assert.deepEqual(found, [['EMAIL', 'jane@acme-corp.com'], ['PASSWORD_IN_URL', 'Kx82mQ']]);
    // The dot condition counts to the next `@`: a domain whose TLD runs up to it is kept.
    assert.deepEqual(scan('ops@acme-corp.io@').map((f) => f.type), ['EMAIL']);
  });

  test('runs of `AB12` shapes: every shape that starts a word is still an anchor', () => {
    const iban = 'DE27 2009 8606 5792 9686 81';
    const text = `${'GB82 '.repeat(4000)}${iban} and ${'AB12CD34'.repeat(50)} NI JG 10 37 52 B`;
    const found = scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
    assert.deepEqual(found, [['IBAN', iban], ['UK_NINO', 'JG 10 37 52 B']]);
    // A run ending in digits hands them on to the digit shapes: the card after `AB12` is read.
    assert.deepEqual(scan('ref AB12 4965 4425 7217 5130').map((f) => f.type), ['CREDIT_CARD']);
  });

  test('AWS secret keywords far from any 40-character run cost nothing, and the key after them is still found', () => {
    const key = '9Hq7Rk2Lm/Xv4Bn6Tz1Wc8Yd3Fg+Jh0Kp6Ms2Nq7';
    const text = `${'secret: aws '.repeat(5000)}${key}`;
    assert.deepEqual(scan(text).map((f) => [f.type, text.slice(f.start, f.end)]), [['AWS_SECRET_KEY', key]]);
    // Too far: the keyword's window is 100 characters.
    assert.deepEqual(scan(`aws ${'.'.repeat(80)} ${key}`).map((f) => f.type), []);
    // A run that began before the keyword does not count; the next one does.
    assert.deepEqual(scan(`Xaws${key.slice(0, 38)} then ${key}`).map((f) => f.type), ['AWS_SECRET_KEY']);
    // The run search skips ahead a key's length at a time: a 39-character run, or one broken
    // just before the end, must not hide the key after it, and a key ending exactly at the
    // window's edge (100 characters from the keyword) is still in.
    assert.deepEqual(scan(`aws ${key.slice(1)} ${key}`).map((f) => f.type), ['AWS_SECRET_KEY']);
    assert.deepEqual(scan(`aws ${key.slice(0, 39)}.${key}`).map((f) => f.type), ['AWS_SECRET_KEY']);
    const edge = `aws${' '.repeat(57)}${key}`;
    assert.equal(edge.length, 100);
    assert.deepEqual(scan(edge).map((f) => f.type), ['AWS_SECRET_KEY']);
    assert.deepEqual(scan(`aws${' '.repeat(58)}${key}`).map((f) => f.type), []);
    // Where a keyword's window holds no run, keywords before the next run are skipped: the
    // skip must stop where a later keyword's window reaches that run, whatever the run is.
    const skipped = `aws ${' '.repeat(200)}${'a'.repeat(40)} aws ${key} ${'aws '.repeat(3000)}${'.'.repeat(70)}aws${' '.repeat(57)}${key}`;
    assert.deepEqual(scan(skipped).map((f) => [f.type, f.start]), [['AWS_SECRET_KEY', skipped.indexOf(key)], ['AWS_SECRET_KEY', skipped.lastIndexOf(key)]]);
  });

  test('assignments are found from the operator: names by their last word, quotes, spacing and operator forms', () => {
    const value = 'Summer2024!';
    const secrets = (text: string): string[] => scan(text).filter((f) => f.type === 'GENERIC_SECRET').map((f) => text.slice(f.start, f.end));
    for (const form of [`"password" : "${value}"`, `'password': '${value}'`, `password := "${value}"`, `password => "${value}"`, `password == "${value}"`, `:::password:"${value}"`, `DB_PASSWORD\t= ${value}`]) {
      assert.deepEqual(secrets(form), [value], form);
    }
    // `token="…"` after an operator is an assignment of its own, not padding (Rails token auth).
    assert.deepEqual(secrets('Authorization: Token token="Abc123def456xyz"'), ['Abc123def456xyz']);
    assert.deepEqual(secrets('curl -H "Authorization: Basic dXNlcjpQNHNzdzByZCE="'), ['dXNlcjpQNHNzdzByZCE=']);
    // A quoted key longer than the 64 characters read is still a name.
    assert.deepEqual(secrets(`{"${'a'.repeat(60)}_password": "${value}"}`), [value]);
    // A quoted key needs its opening quote; a name must sit right before the operator.
    assert.deepEqual(secrets(`"password' : "${value}"`), []);
    assert.deepEqual(secrets(`password . : "${value}"`), []);
    // The last word of the name decides, in any case and in camelCase: `signingKey`, not `sort_key`.
    for (const name of ['signingKey', 'access.key', 'CLIENT_SECRET', 'x-api-key', 'DB_PASSWORD_']) assert.deepEqual(secrets(`${name}: "${value}"`), [value], name);
    for (const name of ['sort_key', 'monkey', 'tokens', 'password_hint', 'secretary', 'pat', 'ken']) assert.deepEqual(secrets(`${name}: "${value}"`), [], name);
  });

  test('an unquoted value ends at `=` unless the `=` run is padding that ends it, at the next query parameter, and a long one is read once', () => {
    // Padding before the next query parameter stays part of the value, as before any other end.
    const text = 'token=YWJjZGVmZ2hp==&user=x';
    assert.deepEqual(scan(text).map((f) => text.slice(f.start, f.end)), ['YWJjZGVmZ2hp==']);
    // `&` separates a query's parameters: each value ends there, and the next name is read.
    for (const query of ['https://x.io/cb?token=abc&password=S3cr3tPa55', 'https://x.io/cb?password=S3cr3tPa55&x=1', 'https://x.io/cb?user=bob&password=S3cr3tPa55']) {
      assert.deepEqual(scan(query).map((f) => query.slice(f.start, f.end)), ['S3cr3tPa55'], query);
    }
    // A `&` followed by no `name=` is part of a password.
    for (const value of ['Tr0ub4dor&3xyz', 'Kx9#mQ2&vL7!pR4z', 'p@ss&w0rd99']) {
      const env = `DB_PASSWORD=${value}\nHOST=db`;
      assert.deepEqual(scan(env).map((f) => env.slice(f.start, f.end)), [value], value);
    }
    assert.deepEqual(scan('token=YWJjZGVmZ2hp== next').map((f) => f.type), ['GENERIC_SECRET']);
    // Operators inside a long unquoted value already read are not assignments of their own,
    // which keeps `password:password:…` linear; the next assignment after it is read as usual,
    // and a quoted value hides nothing.
    const quoted = '"description": "db password: Kx82mQ-9Hq7Rk2Lm"';
    assert.deepEqual(scan(quoted).map((f) => quoted.slice(f.start, f.end)), ['Kx82mQ-9Hq7Rk2Lm']);
    const chain = `${'password:'.repeat(2000)} token: "Kx82mQ-9Hq7Rk2Lm"`;
    assert.deepEqual(scan(chain).map((f) => chain.slice(f.start, f.end)), ['Kx82mQ-9Hq7Rk2Lm']);
  });

  test('prefixes found from a capital key character: floods of that capital hide no token after them', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const aws = 'AKIAZ4XQ7R2MB5TKWL3P';
    const sendgrid = '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';
    const text = `${'yJ'.repeat(3000)} ${jwt} ${'Ab'.repeat(3000)} ${aws} ${'AAKIA'.repeat(10)} ${'Sx'.repeat(3000)} ${sendgrid}`;
    assert.deepEqual(scan(text).map((f) => [f.type, text.slice(f.start, f.end)]), [['JWT', jwt], ['AWS_ACCESS_KEY', aws], ['SENDGRID_KEY', sendgrid]]);
    // A run of the key character before the prefix: `AAKIA…` is an access key starting at its last `A`.
    const run = `AA${aws}`;
    assert.deepEqual(scan(` ${run} `).map((f) => f.type), []);
    assert.deepEqual(scan(`A-${aws}`).map((f) => f.type), []);
    assert.deepEqual(scan(`A ${aws}`).map((f) => f.type), ['AWS_ACCESS_KEY']);
  });

  test('`AB12` shapes are found from their digits: spaced or not, at word starts, with the number after them', () => {
    const iban = 'DE27200986065792968681';
    assert.deepEqual(scan(`iban ${iban}.`).map((f) => f.type), ['IBAN']);
    assert.deepEqual(scan(`iban X${iban}.`).map((f) => f.type), []);
    assert.deepEqual(scan('NI number: JG 10 37 52 B').map((f) => f.type), ['UK_NINO']);
    assert.deepEqual(scan('NI number: JG103752B').map((f) => f.type), ['UK_NINO']);
    // The digits after a shape still start a number of their own (the card after `AB12 `).
    assert.deepEqual(scan('GB82 4965 4425 7217 5130').map((f) => f.type), ['CREDIT_CARD']);
  });

  test('a prefix repeated back to back is tried at its last repetition, where a real value can start', () => {
    const sendgrid = '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';
    assert.deepEqual(scan(`${'SG.'.repeat(3000)}${sendgrid.slice(3)} and ${sendgrid}`).map((f) => f.type), ['SENDGRID_KEY', 'SENDGRID_KEY']);
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAr8Qv3Lx2Rk9Bn4Tz1Wc8Yd3Fg5Jh0Kp6Ms2Nq7Vr4Xt9Zb1Lc8Wd3Ye5Hf0\nGj6Pa2Qb7Rc4Sd1Te8Uf5Vg2Wh9Xi6Yj3Zk0Al7Bm4Cn1Do8Ep5Fq2Gr9Hs6It3Ju0Kv7Lw4Mx1\n-----END RSA PRIVATE KEY-----';
    assert.deepEqual(scan(`${'-----BEGIN '.repeat(2000)}${key.slice('-----BEGIN '.length)}`).map((f) => f.type), ['PRIVATE_KEY']);
  });

  test('types and excludeTypes filter; unknown types are a config error', () => {
    const text = `jane@acme-corp.com ${TOKEN}`;
    assert.deepEqual(createScanner({ types: ['EMAIL'] }).scan(text).map((f) => f.type), ['EMAIL']);
    assert.deepEqual(createScanner({ excludeTypes: ['EMAIL'] }).scan(text).map((f) => f.type), ['GITHUB_TOKEN']);
    assert.ok(!createScanner({ excludeTypes: ['EMAIL'] }).types.includes('EMAIL'));
    assert.throws(() => createScanner({ types: ['EMAIL_ADDRESS'] }), OutflowConfigError);
  });
});

describe('custom detectors', () => {
  test('keywords: case-insensitive whole words, multi-word terms, longest term wins', () => {
    const scanner = createScanner({ customDetectors: [{ kind: 'keywords', id: 'projects', terms: ['Falcon', 'project falcon', 'Blue Heron'] }] });
    const text = 'Status of PROJECT  Falcon and blue-heron; not falconry or BlueHeron.';
    const found = scanner.scan(text).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found, ['PROJECT  Falcon', 'blue-heron']);
    assert.equal(scanner.scan(text)[0]!.type, 'CUSTOM:projects');
  });

  test('keywords: fifty thousand terms compile and scan', () => {
    const terms = Array.from({ length: 50_000 }, (_, i) => `customer${i} ltd`);
    const scanner = createScanner({ customDetectors: [{ kind: 'keywords', id: 'customers', terms, caseSensitive: true }] });
    assert.equal(scanner.scan('invoice for customer49999 ltd and Customer1 ltd').length, 1);
  });

  test('regex: the linear engine supports the documented subset', () => {
    const scanner = createScanner({
      customDetectors: [
        { kind: 'regex', id: 'ticket', pattern: '\\b(?:PRJ|OPS)-\\d{3,5}\\b', flags: 'i' },
        { kind: 'regex', id: 'line', pattern: '^secret-[a-z]+$', flags: 'm' },
      ],
    });
    const text = 'see prj-1234 and OPS-99 and XPRJ-123\nsecret-alpha\nnot secret-beta here';
    const found = scanner.scan(text).map((f) => `${f.type}=${text.slice(f.start, f.end)}`);
    assert.deepEqual(found, ['CUSTOM:ticket=prj-1234', 'CUSTOM:line=secret-alpha']);
  });

  test('regex: leftmost-first alternation and lazy quantifiers behave like JavaScript', () => {
    const scanner = createScanner({ customDetectors: [{ kind: 'regex', id: 'x', pattern: 'ab|abc|<.+?>' }] });
    const text = 'abc <a><b>';
    assert.deepEqual(scanner.scan(text).map((f) => text.slice(f.start, f.end)), ['ab', '<a>', '<b>']);
  });

  test('unsafe or invalid patterns are rejected with a message naming the detector', () => {
    for (const pattern of ['(a)\\1', '(?=a)b', '(?<!a)b', 'a{1,5000}', '[z-a]', '(ab']) {
      assert.throws(
        () => createScanner({ customDetectors: [{ kind: 'regex', id: 'bad-one', pattern }] }),
        (error: unknown) => error instanceof OutflowConfigError && error.message.includes('"bad-one"'),
        pattern,
      );
    }
    assert.throws(() => createScanner({ customDetectors: [{ kind: 'keywords', id: 'x', terms: [] }] }), OutflowConfigError);
  });
});
