/**
 * Input tokens estimated from text, for a `maxTokens` budget that must decide before the call
 * leaves (providers report the real count only in the response). Modern BPE vocabularies
 * (OpenAI's o200k, Anthropic's, Gemini's) give a common word one token with its leading space,
 * split long or rare words, numbers into groups of up to three digits, and most punctuation
 * into tokens of its own; CJK text is close to one token per character. The estimate follows
 * those rules in one pass, with no vocabulary. Its error against the o200k tokenizer is
 * measured by `npx tsx bench/run.ts signals` (docs/sdk.md, "Budgets and signals").
 */

/** Letters one token covers: most words are one token; a longer one splits (10 fits the o200k figures best, see the bench). */
const LETTERS_PER_TOKEN = 10;

const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const BREAK = 4;
const MARK = 5;
/** The class of each ASCII character. */
const ASCII = new Uint8Array(128).map((_, code) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LETTER : code >= 48 && code <= 57 ? DIGIT : code === 32 ? SPACE : code === 10 || code === 9 || code === 13 ? BREAK : MARK,
);

export function estimateTokens(text: string): number {
  let tokens = 0;
  let letters = 0;
  let digits = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind: number;
    if (code < 128) kind = ASCII[code]!;
    else if (isWideScript(code)) kind = MARK;
    else if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair, counted with the first
    else {
      // Accented Latin, Cyrillic, Greek, Arabic…: tokens cover fewer of these letters.
      if (digits > 0) {
        tokens += Math.ceil(digits / 3);
        digits = 0;
      }
      letters += 2;
      previous = LETTER;
      continue;
    }
    if (kind === LETTER) {
      if (digits > 0) {
        tokens += Math.ceil(digits / 3);
        digits = 0;
      }
      letters++;
    } else if (kind === DIGIT) {
      if (letters > 0) {
        tokens += Math.ceil(letters / LETTERS_PER_TOKEN);
        letters = 0;
      }
      digits++;
    } else {
      if (letters > 0) tokens += Math.ceil(letters / LETTERS_PER_TOKEN);
      if (digits > 0) tokens += Math.ceil(digits / 3);
      letters = 0;
      digits = 0;
      // Spaces join the next word's token; a run of line breaks or indentation is about one token.
      if (kind === MARK || (kind === BREAK && previous !== BREAK && previous !== SPACE)) tokens++;
    }
    previous = kind;
  }
  if (letters > 0) tokens += Math.ceil(letters / LETTERS_PER_TOKEN);
  if (digits > 0) tokens += Math.ceil(digits / 3);
  return tokens;
}

/** CJK ideographs, kana, Hangul and the first half of surrogate pairs: about one token per character. */
function isWideScript(code: number): boolean {
  return (code >= 0x3000 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xd800 && code <= 0xdbff) || (code >= 0xf900 && code <= 0xfaff);
}
