/**
 * Input tokens estimated from text, for a `maxTokens` budget that must decide before the call
 * leaves (providers report the real count only in the response). Modern BPE vocabularies
 * (OpenAI's o200k, Anthropic's, Gemini's) give a common English word one token with its leading
 * space, split long or rare words, numbers into groups of up to three digits, and most
 * punctuation into tokens of its own; CJK text is close to one token per character. The
 * estimate follows those rules in one pass, with no vocabulary. Its error against the o200k
 * tokenizer is measured by `npx tsx bench/run.ts signals` (docs/sdk.md, "Budgets and signals").
 */

/** Letters of a word that one token covers, on average, before a long word splits. */
const LETTERS_PER_TOKEN = 6;

export function estimateTokens(text: string): number {
  let tokens = 0;
  let letters = 0;
  let digits = 0;
  const endWord = (): void => {
    if (letters > 0) tokens += Math.ceil(letters / LETTERS_PER_TOKEN);
    if (digits > 0) tokens += Math.ceil(digits / 3);
    letters = 0;
    digits = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
      if (digits > 0) endWord();
      letters++;
    } else if (code >= 48 && code <= 57) {
      if (letters > 0) endWord();
      digits++;
    } else if (code < 128) {
      endWord();
      // Spaces join the next word's token; a run of line breaks or indentation is about one token.
      if (code === 32) continue;
      if ((code === 10 || code === 9) && i > 0 && (text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 9 || text.charCodeAt(i - 1) === 32)) continue;
      tokens++;
    } else if (isWideScript(code)) {
      endWord();
      tokens++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      // The second half of a surrogate pair (emoji and the like) was counted with the first.
      continue;
    } else {
      // Accented Latin, Cyrillic, Greek, Arabic…: tokens are shorter in these scripts.
      letters += 2;
    }
  }
  endWord();
  return tokens;
}

/** CJK ideographs, kana, Hangul and surrogate pairs: about one token per character. */
function isWideScript(code: number): boolean {
  return (code >= 0x3000 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xd800 && code <= 0xdbff) || (code >= 0xf900 && code <= 0xfaff);
}
