/**
 * Each normalisation's own examples, as detectors carry theirs: values written in that form that
 * must be found, with the exact span of the original text the finding must cover, and texts in
 * which the form must reveal nothing. Run by test/unit/detect/normalise.test.ts; not imported by
 * the scanner. Synthetic values only.
 */

export interface NormalisedMatch {
  readonly text: string;
  readonly type: string;
  /** What the finding spans in `text`: the value's whole encoded form. */
  readonly span: string;
}

export interface NormalisationExamples {
  readonly match: readonly NormalisedMatch[];
  /** Each must yield no finding at all. */
  readonly noMatch: readonly string[];
}

const b64 = (text: string): string => btoa(text);

export const NORMALISATION_EXAMPLES: Readonly<Record<string, NormalisationExamples>> = {
  'zero-width and format characters': {
    match: [
      { text: 'card 4539\u200b1488\u200b0343\u200b6467 please', type: 'CREDIT_CARD', span: '4539\u200b1488\u200b0343\u200b6467' },
      { text: 'mail jane.doe\u200d@corp-mail.\u00adcom', type: 'EMAIL', span: 'jane.doe\u200d@corp-mail.\u00adcom' },
      { text: 'key AKIA\u2060Q3EG\u2060RWK7\u2060ZJ4N\u2060MXPL.', type: 'AWS_ACCESS_KEY', span: 'AKIA\u2060Q3EG\u2060RWK7\u2060ZJ4N\u2060MXPL' },
      { text: 'ssn 536\u200e-27-\u200e4410 done', type: 'US_SSN', span: '536\u200e-27-\u200e4410' },
    ],
    noMatch: ['zero\u200bwidth\u200bjoiners\u200bbetween\u200bwords', 'emoji \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family'],
  },
  'compatibility forms (NFKC)': {
    match: [
      { text: 'card ４５３９ １４８８ ０３４３ ６４６７', type: 'CREDIT_CARD', span: '４５３９ １４８８ ０３４３ ６４６７' },
      { text: 'mail jane＠corp-mail.com', type: 'EMAIL', span: 'jane＠corp-mail.com' },
      { text: 'mail ｊａｎｅ．ｄｏｅ＠ｃｏｒｐ－ｍａｉｌ．ｃｏｍ today', type: 'EMAIL', span: 'ｊａｎｅ．ｄｏｅ＠ｃｏｒｐ－ｍａｉｌ．ｃｏｍ' },
      { text: 'card 4539\u00a01488\u00a00343\u00a06467', type: 'CREDIT_CARD', span: '4539\u00a01488\u00a00343\u00a06467' },
      { text: 'card 𝟒𝟓𝟑𝟗 𝟏𝟒𝟖𝟖 𝟎𝟑𝟒𝟑 𝟔𝟒𝟔𝟕', type: 'CREDIT_CARD', span: '𝟒𝟓𝟑𝟗 𝟏𝟒𝟖𝟖 𝟎𝟑𝟒𝟑 𝟔𝟒𝟔𝟕' },
    ],
    noMatch: ['ﬁnancial report ① ② ③ for ™ and ℡', '全角の文章：４月１日に会議があります。'],
  },
  'percent-encoding': {
    match: [
      { text: 'mail jane.doe%40corp-mail.com', type: 'EMAIL', span: 'jane.doe%40corp-mail.com' },
      { text: 'https://x.io/?to=jane.doe%40corp-mail.com&x=1', type: 'EMAIL', span: 'jane.doe%40corp-mail.com' },
      { text: 'card=4539%201488%200343%206467', type: 'CREDIT_CARD', span: '4539%201488%200343%206467' },
      { text: 'mail jane%EF%BC%A0corp-mail.com', type: 'EMAIL', span: 'jane%EF%BC%A0corp-mail.com' },
      { text: 'https://id.io/cb?next=%2Flogin%3Fpassword%3DHq7x9Lm2Vb4Kp8Rz', type: 'GENERIC_SECRET', span: 'Hq7x9Lm2Vb4Kp8Rz' },
    ],
    noMatch: ['100% sure, 50%off, %zz and %4', 'https://x.io/search?q=hello%20world%21', 'double %2540 is one decoding only: jane.doe%2540corp-mail.com'],
  },
  'HTML character references': {
    match: [
      { text: 'mail jane&#64;corp-mail.com', type: 'EMAIL', span: 'jane&#64;corp-mail.com' },
      { text: 'mail jane&#x40;corp-mail.com', type: 'EMAIL', span: 'jane&#x40;corp-mail.com' },
      { text: 'mail jane&commat;corp-mail&period;com', type: 'EMAIL', span: 'jane&commat;corp-mail&period;com' },
      { text: 'mail jane&#64corp-mail.com', type: 'EMAIL', span: 'jane&#64corp-mail.com' },
      { text: 'card 4539&nbsp;1488&nbsp;0343&nbsp;6467', type: 'CREDIT_CARD', span: '4539&nbsp;1488&nbsp;0343&nbsp;6467' },
    ],
    noMatch: ['Tom &amp; Jerry &lt;b&gt; &copy; 2024', 'jane&commat corp-mail.com &unknown; &#xZZ; &#;', 'jane&#0064;'],
  },
  base64: {
    match: [
      { text: `x-auth: Basic ${b64('jane.doe@corp-mail.com:hunter2')}`, type: 'EMAIL', span: b64('jane.doe@corp-mail.com:hunter2').slice(0, 32) },
      {
        text: `<a href="data:text/plain;base64,${b64('AWS_ACCESS_KEY_ID=AKIAQ3EGRWK7ZJ4NMXPL\n')}">`,
        type: 'AWS_ACCESS_KEY',
        span: b64('AWS_ACCESS_KEY_ID=AKIAQ3EGRWK7ZJ4NMXPL\n').slice(24, 52),
      },
      { text: `/v1/users/${b64('jane.doe@corp-mail.com')}/profile`, type: 'EMAIL', span: b64('jane.doe@corp-mail.com') },
      { text: `data:\n  ADMIN_EMAIL: ${b64('li.wei@bank-of-foo.com')}`, type: 'EMAIL', span: b64('li.wei@bank-of-foo.com') },
    ],
    noMatch: [
      // A key and random bytes: base64, but not of text.
      'sig: dGhpcyBpcyBub3Q/ZnJvbSBhbnl0aGluZw==',
      `img: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==`,
      `short: ${b64('a@b.co')}`,
      'path /usr/local/lib/node_modules/typescript/lib/typescript.js',
    ],
  },
};
