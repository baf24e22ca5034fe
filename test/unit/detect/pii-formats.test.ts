/**
 * The PII formats of issue 11, each against public lists where one exists: the IBAN registry's
 * and python-stdnum's sample IBANs (and its broken ones), validator.js' IBANs, card numbers of each
 * IIN range, the national phone plans, dotted SSNs, lower-case NINOs, Corsican NIRs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../../sdk/src/detect/index';
import { isExampleValue } from '../../../sdk/src/detect/example-values';
import { nationalCheckValid, NATIONAL_CHECK_COUNTRIES } from '../../../sdk/src/detect/validators/iban-national';

/** The whole text is one finding of `type`. */
function isWhole(text: string, type: string): boolean {
  return scan(text).some((f) => f.type === type && f.start === 0 && f.end === text.length);
}

function types(text: string): string[] {
  return scan(text).map((f) => f.type);
}

/** python-stdnum's tests/test_iban.doctest valid list (the IBAN registry's samples and real-world writings), then validator.js'. */
const VALID_IBANS = [
  'AD12 0001 2030 2003 5910 0100', 'AE070331234567890123456', 'AL47 2121 1009 0000 0002 3569 8741',
  'AT61 1904 3002 3457 3201', 'AZ21NABZ00000000137010001944', 'BA39 1290 0794 0102 8494',
  'BG80 BNBG 9661 1020 3456 78', 'BH67BMAG00001299123456', 'BR1800000000141455123924100C2',
  'BR9700360305000010009795493P1', 'CH93 0076 2011 6238 5295 7', 'CY17 0020 0128 0000 0012 0052 7600',
  'CZ65 0800 0000 1920 0014 5399', 'CZ94 5500 0000 0010 1103 8930', 'DE89 3704 0044 0532 0130 00',
  'DK50 0040 0440 1162 43', 'DO28BAGR00000001212453611324', 'EE38 2200 2210 2014 5685',
  'ES 58 0049 0290 3424 1352 8341', 'ES04 0075 0078 0605 0005 0355', 'ES0521053014113400002160',
  'ES10 0075 0080 11 0600658108', 'ES15-0049-1806-9121-1186-9374', 'ES2030810089311100269222',
  'ES24 2090 3191 1400 4012 1040', 'ES27 3183 1500 9600 0121 0562', 'ES28 2104 0485 5390 6968 2983',
  'ES29 2100 2815 9822 0059 9427', 'ES37 2038 8700 7861 0000 9781', 'ES39 0081 0294 66 0001238624',
  'ES58 1465 0100 9719 0014 4593', 'ES59 0049 5030 1129 1601 1246', 'ES62 2100 4288 5922 0010 4465',
  'ES72 2013-0692-81-0201150993', 'ES72 2048 1075 8334 0000 2171', 'ES81 0081 5515 2900 0157 5763',
  'ES8521005731710200031769', 'ES86 2013 0095 1102 0142 6812', 'ES86 30580157682720001384',
  'ES88 2095 0497 9191 0708 8631', 'ES91 2100 0418 4502 0005 1332', 'ES98 0049 5442 2227 1606 6973',
  'FI21 1234 5600 0007 85', 'FI5542345670000081', 'FO62 6460 0001 6316 34',
  'FR14 2004 1010 0505 0001 3M02 606', 'GB29 NWBK 6016 1331 9268 19', 'GE29 NB00 0000 0101 9049 17',
  'GI75 NWBK 0000 0000 7099 453', 'GL89 6471 0001 0002 06', 'GR16 0110 1250 0000 0001 2300 695',
  'GT82TRAJ01020000001210029690', 'HR12 1001 0051 8630 0016 0', 'HU42 1177 3016 1111 1018 0000 0000',
  'IE29 AIBK 9311 5212 3456 78', 'IL62 0108 0000 0009 9999 999', 'IS14 0159 2600 7654 5510 7303 39',
  'IT60 X054 2811 1010 0000 0123 456', 'JO94CBJO0010000000000131000302', 'KZ86125KZT5004100100',
  'LB62 0999 0000 0001 0019 0122 9114', 'LI21 0881 0000 2324 013A A', 'LT12 1000 0111 0100 1000',
  'LU28 0019 4006 4475 0000', 'LV80 BANK 0000 4351 9500 1', 'MC11 1273 9000 7000 1111 1000 h79',
  'MD24AG000225100013104168', 'ME 25 5403 0000 2379 9201 09', 'ME 2551 0000 0000 0623 4133',
  'ME 25510260797324001246', 'ME 25525007010044076639', 'ME 25535005130000020047',
  'ME 25540000007300246820', 'ME 25550005080000004970', 'ME25 5050 0001 2345 6789 51',
  'MK072 5012 0000 0589 84', 'MR13 0002 0001 0100 0012 3456 753', 'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
  'MU17 BOMM 0101 1010 3030 0200 000M UR', 'MU17 BOMM0101101030300200000MUR', 'NL91 ABNA 0417 1643 00',
  'NO 02 15037577003', 'NO 05 15030383041', 'NO 0560110516994',
  'NO 0571 3905 25162', 'NO 0828014322061', 'NO 1232600465693',
  'NO 19 4920 06 96270', 'NO 21 650 405 251 19', 'NO 2342009668904',
  'NO 26 7032 0516 038', 'NO 3036245391786', 'NO 31 6018 04 47124',
  'NO 33 4270 06 08551', 'NO 35 9650 05 73667', 'NO 39 4750 07 95936',
  'NO 39 6318 05 01489', 'NO 39 7874 0597 506', 'NO 40 1503 7355 353',
  'NO 402333 06 01019', 'NO 43 651 204 471 94', 'NO 44 1850.05.14562',
  'NO 4575600702548', 'NO 5314300642641', 'NO 57 78740655867',
  'NO 5997501101463', 'NO 62 650 204 441 20', 'NO 6865040505746',
  'NO 6940872430085', 'NO 6947780786090', 'NO 71 7694 05 00903',
  'NO 7615030839797', 'NO 89 42004151326', 'NO 91 16024246306',
  'NO05 7058 0555 568', 'NO07.8380.08.06006', 'NO1782000193468',
  'NO2476940517075', 'NO38 8200 06 10190', 'NO4697500641723',
  'NO5876940518888', 'NO71.4202.47.14777', 'NO77 7694 0511 077',
  'NO89 4760 5692 776', 'NO8976940512510', 'NO93 8601 1117 947',
  'NO9832271000153', 'PK36SCBL0000001123456702', 'PL61 1090 1014 0000 0712 1981 2874',
  'PS92PALS000000000400123456702', 'PT50 0002 0123 1234 5678 9015 4', 'QA58DOHB00001234567890ABCDEFG',
  'RO49 AAAA 1B31 0075 9384 0000', 'RS35 2600 0560 1001 6113 79', 'SA03 8000 0000 6080 1016 7519',
  'SE45 5000 0000 0583 9825 7466', 'SI56 1910 0000 0123 438', 'SK31 1200 0000 1987 4263 7541',
  'SM86 U032 2509 8000 0000 0270 100', 'TL 38 008 00123456789101 57', 'TN59 1000 6035 1835 9847 8831',
  'TR33 0006 1005 1978 6457 8413 26', 'VG96VPVG0000012345678901', 'XK051212012345678906',
  'SC52BAHL01031234567890123456USD', 'LC14BOSL123456789012345678901234', 'MT31MALT01100000000000000000123',
  'SV43ACAT00000000000000123123', 'EG800002000156789012345180002', 'BE71 0961 2345 6769',
  'FR76 3000 6000 0112 3456 7890 189', 'DE91 1000 0000 0123 4567 89', 'GR96 0810 0010 0000 0123 4567 890',
  'RO09 BCYP 0000 0012 3456 7890', 'SA44 2000 0001 2345 6789 1234', 'ES79 2100 0813 6101 2345 6789',
  'CH56 0483 5012 3456 7800 9', 'GB98 MIDL 0700 9312 3456 78', 'IL170108000000012612345',
  'IT60X0542811101000000123456', 'JO71CBJO0000000000001234567890', 'TR320010009999901234567890',
  'BR1500000000000010932840814P2', 'LB92000700000000123123456123', 'IR200170000000339545727003',
  'MZ97123412341234123412341', 'IR576406610070915600106898',
];

/** python-stdnum's broken checksums, wrong lengths, letters where digits belong, unknown country, failed national checks. */
const INVALID_IBANS = [
  'AL48212110090000000235698741', 'AD1210012030200359100100', 'AT611804300234573201',
  'BE68530907547034', 'BA391290709401028494', 'BG80BNBG99611020345678',
  'HR1210010052863000160', 'CY17002001281000001200527600', 'CZ6508000000129000145399',
  'CZ9455000000000101038930', 'DK5000400440116342', 'AD48 0001 2030 2003 5910 01',
  'AT93 1904 3002 3457 3201 99', 'BE36 5390 0754 7034 1234', 'BA30 1290 0794 0102 84',
  'BG93 BNBG 9661 1A20 3456 78', 'GI22 NW3K 0000 0000 7099 453', 'NL56 3003 0A17 1643 00',
  'QQ93 1234 5678', 'ES2121000418450200051331', 'ES89 3183 1500 9500 0121 0562',
];

describe('IBAN', () => {
  test('every registry and peer sample is found whole, however it is grouped (documented examples excepted)', () => {
    const compact = (value: string): string => value.replace(/[ .-]/g, '').toUpperCase();
    const missed = VALID_IBANS.filter((iban) => !isExampleValue(compact(iban)) && !isWhole(iban, 'IBAN'));
    assert.deepEqual(missed, []);
    assert.ok(VALID_IBANS.filter((iban) => !isExampleValue(compact(iban))).length >= 140, 'most samples are not documented examples');
  });

  test('broken, mis-structured and nationally invalid IBANs are not found', () => {
    assert.deepEqual(INVALID_IBANS.filter((iban) => types(iban).includes('IBAN')), []);
  });

  test('lower case, and an upper-case IBAN with a lower-case letter only where the registry allows it', () => {
    assert.ok(isWhole('de27 2009 8606 5792 9686 81', 'IBAN'));
    assert.ok(isWhole('MC11 1273 9000 7000 1111 1000 h79', 'IBAN'));
    assert.ok(!types('GI75 aWBK 0000 0000 7099 453').includes('IBAN'));
    assert.ok(!types('De27 2009 8606 5792 9686 81').includes('IBAN'));
  });

  test('each national check rejects a one-digit change that mod 97 alone would not notice', () => {
    // Samples passing their country's check, and the same with the national check digits moved.
    const samples: Record<string, [string, string]> = {
      BE: ['539007547034', '539007547035'],
      ES: ['21000418450200051332', '21000418460200051332'],
      FR: ['20041010050500013M02606', '20041010050500013M02607'],
      IT: ['X0542811101000000123456', 'Y0542811101000000123456'],
      NO: ['86011117947', '86011117948'],
      FI: ['12345600000785', '12345600000786'],
      PL: ['109010140000071219812874', '109010150000071219812874'],
      CZ: ['08000000192000145399', '08000000192000145398'],
      HU: ['117730161111101800000000', '117730171111101800000000'],
      PT: ['000201231234567890154', '000201231234567890155'],
      TN: ['10006035183598478831', '10006035183598478832'],
      TR: ['00061005197864578413', '00061105197864578413'],
    };
    for (const [country, [good, bad]] of Object.entries(samples)) {
      assert.ok(nationalCheckValid(country, good), `${country} ${good}`);
      assert.ok(!nationalCheckValid(country, bad), `${country} ${bad}`);
    }
    assert.ok(NATIONAL_CHECK_COUNTRIES.length >= 20, 'national checks for twenty countries or more');
  });

  test('the digits of an IBAN-shaped value that fails its checks are not a phone number or an Aadhaar', () => {
    assert.deepEqual(types('IBAN DE27 2009 8606 5792 9686 82'), []);
    assert.deepEqual(types('IBAN ES21 2100 0418 4502 0005 1331'), []);
    assert.deepEqual(types('IBAN: DE27 3447 3377 8578 0000 00'), []);
  });
});

describe('CREDIT_CARD', () => {
  test('each listed network, Luhn-valid at its lengths', () => {
    for (const card of ['6759649826438453', '5019717010103742', '122000000000003', '2200000000000004', '6362970000457013', '8171999927660000', '6062826786276634', '9792123456789018', '5066991111111118']) {
      assert.ok(isWhole(card, 'CREDIT_CARD'), card);
    }
  });

  test('prefixes no network issues, wrong lengths and Luhn failures are not cards; a card label admits an unlisted range', () => {
    for (const number of ['2721465526338453', '2220175103860763', '4716989580001715213', '7000000000000005']) assert.ok(!types(number).includes('CREDIT_CARD'), number);
    assert.ok(types('card number: 7000000000000005').includes('CREDIT_CARD'));
  });
});

describe('PHONE', () => {
  const written: Record<string, string[]> = {
    US: ['(415) 555-2671', '415-555-2671', '415.555.2671', '1-415-555-2671', '+1 415 555 2671', '001 415 555 2671'],
    UK: ['020 7946 0958', '07700 900123', '(0161) 496 0000', '+44 (0)20 7946 0958', '07700900123'],
    DE: ['030 12345678', '0151/23456789', '(089) 1234-5678', '+49 30 12345678', '0049 30 12345678', '015123456789'],
    FR: ['01 23 45 67 89', '06.12.34.56.78', '+33 6 12 34 56 78', '0612345678'],
    IN: ['98765 43210', '098765 43210', '+91 98765 43210', '09876543210'],
    JP: ['090-1234-5678', '03-1234-5678', '045-123-4567', '03(1234)5678', '090 1234 5678', '+81 90 1234 5678', '09012345678'],
    CN: ['138 1234 5678', '138-1234-5678', '13812345678', '010-12345678', '0755-1234567', '+86 138 1234 5678', '008613812345678'],
    TR: ['0532 123 45 67', '0 532 123 45 67', '(0532) 123 45 67', '0212 123 45 67', '+90 532 123 45 67', '05321234567'],
    ES: ['612 345 678', '612 34 56 78', '91 123 45 67', '+34 612 345 678'],
  };
  for (const [plan, numbers] of Object.entries(written)) {
    test(`${plan} numbers as they are written`, () => {
      for (const number of numbers) assert.ok(isWhole(number, 'PHONE'), number);
    });
  }

  test('ambiguous bare digits need a label or a phone column; dates, timestamps and one repeated digit never pass', () => {
    assert.deepEqual(types('order 4155552671'), []);
    assert.deepEqual(types('phone: 4155552671'), ['PHONE']);
    assert.deepEqual(types('Teléfono: 612345678'), ['PHONE']);
    for (const text of ['ts=1712345678', '2024-03-12', 'phone: 0000000000', 'id 0123456789']) assert.ok(!types(text).includes('PHONE'), text);
  });
});

describe('national identifiers', () => {
  test('US_SSN dashed, spaced or dotted; nine bare digits only under an SSN label or column', () => {
    for (const ssn of ['536-22-8197', '536 22 8197', '536.22.8197']) assert.ok(isWhole(ssn, 'US_SSN'), ssn);
    assert.ok(!types('536-22.8197').includes('US_SSN'));
    assert.deepEqual(types('ssn 536228197'), ['US_SSN']);
    assert.deepEqual(types('ref 536228197'), []);
  });

  test('UK_NINO in capitals or lower case, not mixed', () => {
    assert.ok(isWhole('JG 10 37 52 B', 'UK_NINO'));
    assert.ok(isWhole('jg103752b', 'UK_NINO'));
    assert.ok(!types('jG103752b').includes('UK_NINO'));
  });

  test('FR_NIR of a Corsican department, spaced or compact', () => {
    assert.ok(isWhole('1 85 05 2A 123 456 33', 'FR_NIR'));
    assert.ok(isWhole('185052B12345660', 'FR_NIR'));
    assert.ok(!types('185052B12345661').includes('FR_NIR'));
  });

  test('IN_AADHAAR bare only under a label or column', () => {
    assert.deepEqual(types('Aadhaar No. 344733778578'), ['IN_AADHAAR']);
    assert.deepEqual(types('आधार संख्या: 344733778578'), ['IN_AADHAAR']);
    assert.deepEqual(types('invoice 344733778578'), []);
  });
});
