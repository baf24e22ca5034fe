/**
 * The word reader behind the prompt sketch: one pass over the characters, no regular
 * expression, no string per word. A word is a run of letters, digits and `_` (any character
 * above ASCII that is not a space or common punctuation counts as a letter); every other
 * character is a token of its own. Each word is reported with an unkeyed hash of its lower-case
 * form (ASCII and Latin-1 letters folded), so word lists (phrases, topics) are looked up by hash.
 */

export interface WordSink {
  /** `hash` of the lower-cased word starting at `start`; `capitalised` when its first letter is upper case; `digits` when it holds one. */
  word(hash: number, capitalised: boolean, digits: boolean, start: number): void;
  /** A punctuation character at `at`; `sentenceEnd` for `. ! ? : ;` and line breaks. */
  mark(code: number, sentenceEnd: boolean, at: number): void;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function readWords(text: string, from: number, to: number, sink: WordSink): void {
  let hash = FNV_OFFSET;
  let length = 0;
  let capitalised = false;
  let digits = false;
  let start = from;
  const end = (): void => {
    if (length > 0) sink.word(mix(hash), capitalised, digits, start);
    hash = FNV_OFFSET;
    length = 0;
    digits = false;
  };
  for (let i = from; i < to; i++) {
    let code = text.charCodeAt(i);
    const kind = classOf(code);
    if (kind === WORD) {
      const upper = (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7);
      if (upper) code += 32;
      if (length === 0) {
        capitalised = upper;
        start = i;
      }
      if (code >= 48 && code <= 57) digits = true;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      length++;
    } else {
      end();
      if (kind === MARK) sink.mark(code, code === 46 || code === 33 || code === 63 || code === 58 || code === 59, i);
      else if (code === 10) sink.mark(code, true, i);
    }
  }
  end();
}

/** The unkeyed hash `readWords` gives the lower-case word `word` (for building word lists). */
export function wordHash(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return mix(hash);
}

const WORD = 0;
const SPACE = 1;
const MARK = 2;

function classOf(code: number): number {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95) return WORD;
  if (code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x3000) return SPACE;
  if (code < 128 || (code >= 0xa1 && code <= 0xbf) || code === 0xd7 || code === 0xf7 || (code >= 0x2010 && code <= 0x206f) || (code >= 0x3001 && code <= 0x3003)) return MARK;
  return WORD;
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
