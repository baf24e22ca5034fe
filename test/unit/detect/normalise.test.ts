/**
 * Normalisation before detection (sdk/src/detect/normalise/): each form's own examples, the
 * spans, fingerprints, previews and confidence of what it reveals, its bounds, and redaction of
 * the encoded span.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner, fingerprint, scan } from '../../../sdk/src/detect/index';
import { NORMALISATION_EXAMPLES } from '../../../sdk/src/detect/normalise/examples';
import { MAX_DECODED_BYTES } from '../../../sdk/src/detect/normalise/base64';
import { normalisedViews } from '../../../sdk/src/detect/normalise/index';
import { PlaceholderMap, redactText } from '../../../sdk/src/redact';

const KEY = 'normalisation-test-key-of-32-bytes!';
const scanner = createScanner({ fingerprintKey: KEY });
const EMAIL = 'jane.doe@corp-mail.com';
const CARD = '4539 1488 0343 6467';
const b64 = (text: string): string => btoa(text);

/** The findings of `text` as `[type, the original characters spanned]`. */
function spans(text: string): [string, string][] {
  return scanner.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('normalisation examples', () => {
  test('every form has values it must reveal and texts it must leave clean', () => {
    for (const [form, examples] of Object.entries(NORMALISATION_EXAMPLES)) {
      assert.ok(examples.match.length > 0 && examples.noMatch.length > 0, form);
    }
  });

  for (const [form, examples] of Object.entries(NORMALISATION_EXAMPLES)) {
    test(form, () => {
      for (const { text, type, span } of examples.match) {
        const found = spans(text);
        assert.ok(found.some(([t, s]) => t === type && s === span), `${form}: ${JSON.stringify(text)} should yield ${type} over ${JSON.stringify(span)}; got ${JSON.stringify(found)}`);
      }
      for (const text of examples.noMatch) assert.deepEqual(spans(text), [], `${form}: ${JSON.stringify(text)} should yield nothing`);
    });
  }
});

describe('what normalisation reveals', () => {
  const plainEmail = scanner.scan(`mail ${EMAIL}`)[0]!;
  const plainCard = scanner.scan(`card ${CARD}`)[0]!;

  test('an encoded value fingerprints and previews as the plain value does, and keeps its confidence', () => {
    for (const text of [`mail jane.doe%40corp-mail.com`, `mail jane.doe&#64;corp-mail.com`, `mail jane.doe＠corp-mail.com`, `mail jane.\u200bdoe@corp-mail.com`]) {
      const [finding, ...rest] = scanner.scan(text);
      assert.equal(rest.length, 0, text);
      assert.equal(finding?.fingerprint, plainEmail.fingerprint, text);
      assert.equal(finding?.fingerprint, fingerprint(EMAIL, KEY));
      assert.equal(finding?.preview, plainEmail.preview, text);
      assert.equal(finding?.confidence, plainEmail.confidence, text);
    }
    const card = scanner.scan('card ４５３９\u200b１４８８\u200b０３４３\u200b６４６７')[0]!;
    assert.deepEqual([card.type, card.fingerprint, card.preview], ['CREDIT_CARD', plainCard.fingerprint, '••••••••••••6467']);
  });

  test('a value decoded from base64 has its own type, the fingerprint of the plain value and 0.9 of its confidence', () => {
    // 34 bytes: a padded run.
    const text = `note ${b64(`contact ${EMAIL} now`)} end`;
    const [finding, ...rest] = scanner.scan(text);
    assert.equal(rest.length, 0);
    assert.equal(finding?.type, 'EMAIL');
    assert.equal(finding?.fingerprint, plainEmail.fingerprint);
    assert.equal(finding?.preview, plainEmail.preview);
    assert.equal(finding?.confidence, plainEmail.confidence * 0.9);
  });

  test('a base64 finding spans the quartets that encode the value, no more', () => {
    const before = 'AWS_ACCESS_KEY_ID=';
    const key = 'AKIAQ3EGRWK7ZJ4NMXPL';
    const encoded = b64(`${before}${key}\nREGION=eu-west-1\n`);
    const text = `paste: ${encoded}`;
    const [finding] = scanner.scan(text).filter((f) => f.type === 'AWS_ACCESS_KEY');
    assert.ok(finding);
    const span = text.slice(finding.start, finding.end);
    // Bytes 18..38 of the decoded text: quartets 6..12 (characters 24..52) of the run.
    assert.equal(span, encoded.slice(24, 52));
    assert.ok(atob(span).includes(key), 'the quartets hold every byte of the key');
    assert.ok(!atob(encoded.slice(0, 24) + encoded.slice(52)).includes(key.slice(0, 3)), 'the quartets left hold none of it');
  });

  test('a wrapped base64 block (76 columns, as `base64` writes it) decodes across its line breaks', () => {
    const env = `DB_HOST=db.internal\nAWS_ACCESS_KEY_ID=AKIAQ3EGRWK7ZJ4NMXPL\nADMIN_EMAIL=${EMAIL}\n`;
    const wrapped = b64(env).replace(/(.{76})/g, '$1\n');
    const text = `my env:\n${wrapped}\nthanks`;
    const found = scanner.scan(text);
    assert.deepEqual(found.map((f) => f.type), ['AWS_ACCESS_KEY', 'EMAIL']);
    for (const f of found) {
      const decoded = atob(text.slice(f.start, f.end).replace(/\n/g, ''));
      assert.ok(decoded.includes(f.type === 'EMAIL' ? EMAIL : 'AKIAQ3EGRWK7ZJ4NMXPL'), `${f.type} spans its whole value`);
    }
  });

  test('a value decoded from inside a plain finding is reported too, and the plain finding stays whole', () => {
    const credential = b64(`${EMAIL}:Hq7x9Lm2Vb`);
    const text = `Authorization: Basic ${credential}`;
    assert.deepEqual(spans(text), [['EMAIL', credential.slice(0, 32)], ['GENERIC_SECRET', credential]]);
    const redacted = redactText(text, scan(text).map((f) => ({ start: f.start, end: f.end, type: f.type })), new PlaceholderMap());
    assert.equal(redacted, 'Authorization: Basic [GENERIC_SECRET_1]');
  });

  test('a view finding that covers a partial plain one replaces it', () => {
    // Plainly, `4539` and the rest are separate digit groups; normalised, one card.
    assert.deepEqual(spans(`card 4539\u200b1488\u200b0343\u200b6467`), [['CREDIT_CARD', '4539\u200b1488\u200b0343\u200b6467']]);
    assert.deepEqual(spans(`mail jane\u200b.doe@corp-mail.com`), [['EMAIL', 'jane\u200b.doe@corp-mail.com']]);
  });

  test('custom detectors read the normalised text too', () => {
    const custom = createScanner({ customDetectors: [{ kind: 'keywords', id: 'projects', terms: ['Project Falcon'] }] });
    for (const term of ['Project&nbsp;Falcon', 'Ｐｒｏｊｅｃｔ Ｆａｌｃｏｎ', 'Project%20Fal\u200bcon', 'Project Falcon']) {
      const text = `about ${term} today`;
      assert.deepEqual(custom.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]), [['CUSTOM:projects', term]]);
    }
  });

  test('scanWithValues gives the normalised value, as fingerprinted', () => {
    const { findings, values } = createScanner().scanWithValues('to JANE.DOE%40Corp-Mail.com and 4539%201488%200343%206467');
    assert.deepEqual(findings.map((f) => f.type), ['EMAIL', 'CREDIT_CARD']);
    assert.deepEqual(values, [EMAIL, '4539148803436467']);
  });

  test('no raw value in a finding, whatever the encoding', () => {
    const text = `a jane.doe%40corp-mail.com b ${b64(`x ${EMAIL} y`)} c ４５３９ １４８８ ０３４３ ６４６７`;
    const serialised = JSON.stringify(scanner.scan(text));
    for (const raw of [EMAIL, 'jane.doe', 'corp-mail', '4539', '１４８８', '4539148803436467']) assert.ok(!serialised.includes(raw), raw);
  });
});

describe('offsets', () => {
  test('each view character maps back to the original characters it stands for', () => {
    const text = 'a %41%42 &#64; ４ 𝟒… 4\u200b\u200b5 b';
    const [view] = normalisedViews(text);
    assert.ok(view);
    const start = view.originalStart(0);
    const mapped = [...view.text].map((_, i) => text.slice(view.originalStart(i), view.originalEnd(i + 1)));
    assert.equal(view.text, text.slice(start).replace('%41%42', 'AB').replace('&#64;', '@').replace('４', '4').replace('𝟒…', '4...').replace(/\u200b/g, ''));
    assert.deepEqual(mapped, ['a', ' ', '%41', '%42', ' ', '&#64;', ' ', '４', ' ', '𝟒', '…', '…', '…', ' ', '4\u200b\u200b', '5', ' ', 'b']);
    // A span maps to the whole encoded form of what it holds.
    const at = view.text.indexOf('AB');
    assert.equal(text.slice(view.originalStart(at), view.originalEnd(at + 2)), '%41%42');
    assert.equal(text.slice(view.originalStart(view.text.indexOf('45')), view.originalEnd(view.text.indexOf('45') + 2)), '4\u200b\u200b5');
  });
});

describe('redaction of encoded values', () => {
  test('the placeholder replaces exactly the encoded characters', () => {
    const encodedKey = b64('AWS_ACCESS_KEY_ID=AKIAQ3EGRWK7ZJ4NMXPL\n');
    const text = `mail jane.doe%40corp-mail.com, card ４５３９\u200b１４８８\u200b０３４３\u200b６４６７, env data:text/plain;base64,${encodedKey} ok`;
    const findings = scan(text);
    const redacted = redactText(text, findings.map((f) => ({ start: f.start, end: f.end, type: f.type })), new PlaceholderMap());
    assert.equal(redacted, `mail [EMAIL_1], card [CREDIT_CARD_1], env data:text/plain;base64,${encodedKey.slice(0, 24)}[AWS_ACCESS_KEY_1] ok`);
  });
});

describe('bounds', () => {
  test('base64 is decoded up to MAX_DECODED_BYTES per scan', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(MAX_DECODED_BYTES / 27));
    const early = b64(`first ${EMAIL} ${filler}`);
    const late = b64(`second li.wei@bank-of-foo.com ${filler}`);
    const found = scan(`${early} ${late}`);
    assert.deepEqual(found.map((f) => f.type), ['EMAIL'], 'the second run is past the budget');
    assert.ok(found[0]!.end <= early.length);
  });

  test('a run without padding is decoded from 64 characters, or from 16 after `Basic ` or `base64,`', () => {
    const value = `to ${EMAIL} now`.padEnd(30, '!'); // 30 bytes: 40 characters, no padding
    assert.equal(b64(value).length, 40);
    assert.deepEqual(spans(`x ${b64(value)} y`), []);
    for (const marker of ['Basic ', 'data:text/plain;base64,']) assert.deepEqual(spans(`x ${marker}${b64(value)} y`).map(([t]) => t), ['EMAIL'], marker);
    const longer = `please write to ${EMAIL} today`.padEnd(48, '!'); // 48 bytes: 64 characters, no padding
    assert.deepEqual(spans(`x ${b64(longer)} y`).map(([t]) => t), ['EMAIL']);
  });

  test('runs shorter than 16 characters and base64 that is not text are not decoded', () => {
    assert.deepEqual(spans(`x ${b64('a@bc.io')} y`), []);
    // Random bytes around an encoded e-mail: the run as a whole is not text.
    const bytes = String.fromCharCode(0xff, 0x00, 0x9c, 0x01) + EMAIL;
    assert.deepEqual(spans(`x ${btoa(bytes)} y`).filter(([t]) => t === 'EMAIL').length, 1, 'text after binary quartets is still found');
    assert.deepEqual(spans(`x ${btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37) % 256)))} y`), []);
  });

  test('escapes are decoded once: %2540 stays %40', () => {
    assert.deepEqual(spans('mail jane.doe%2540corp-mail.com'), []);
    assert.deepEqual(spans('mail jane.doe&amp;#64;corp-mail.com'), []);
  });

  test('a view starts and ends at whitespace near its context; where there is none, what touches its cut edge is dropped', () => {
    // The change sits 400 characters into one long token: its view (256 characters of context, and
    // up to 64 more to reach whitespace) starts mid-token.
    const token = `${'x'.repeat(400)}%41${'y'.repeat(10)}`;
    const [cut] = normalisedViews(`card ${token} end`);
    assert.ok(cut !== undefined && cut.touchesCut(0, 10) && !cut.touchesCut(1, 10));
    assert.equal(cut.originalStart(0), 'card '.length + 400 - 256);
    const [snapped] = normalisedViews(`card ${'x'.repeat(250)} ${'x'.repeat(50)}%41 end`);
    assert.ok(snapped !== undefined && !snapped.touchesCut(0, 10));
    assert.equal(snapped.originalStart(0), 'card '.length, 'moved out to the whitespace before its context');
  });
});
