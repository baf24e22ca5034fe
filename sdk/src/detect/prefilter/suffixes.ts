/**
 * A cheap necessary test for "this name may end with one of these words": it ends, case-
 * insensitively, with one of them. Three table reads per operator reject most names (`id`,
 * `type`, `Note`); only names passing them pay a lookup of the words with those last three
 * letters, compared whole (`class=` ends like `pass` but is not, and a flood of `ken=` is no
 * `token`). A name ending with a word without being one (`monkey`) costs a detector call, which
 * checks the name's last word.
 */
export class SuffixFilter {
  /** A flag per ASCII code unit, letters in both cases: the words' last, second-last and third-last characters. */
  private readonly last = new Uint8Array(128);
  private readonly middle = new Uint8Array(128);
  private readonly first = new Uint8Array(128);
  /** The words by their last three letters, as {@link suffixKey} numbers: checked once the tables pass. */
  private readonly bySuffix = new Map<number, string[]>();

  /**
   * `words` are lower-case letters and digits, three or more, and none ends in three hex digits:
   * the colon sweep skips runs of hex digits and colons (`ab:cd:ef`, IPv6), where such a word would sit.
   */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      const end = word.length;
      if (!/^[a-z0-9]{3,}$/.test(word) || /^[0-9a-f]{3}$/.test(word.slice(-3))) throw new Error(`assignment trigger word "${word}": lower-case letters and digits, three or more, not ending in three hex digits`);
      allow(this.last, word.charCodeAt(end - 1));
      allow(this.middle, word.charCodeAt(end - 2));
      allow(this.first, word.charCodeAt(end - 3));
      const key = suffixKey(word.charCodeAt(end - 3), word.charCodeAt(end - 2), word.charCodeAt(end - 1));
      const sameSuffix = this.bySuffix.get(key) ?? [];
      if (!sameSuffix.includes(word)) sameSuffix.push(word);
      this.bySuffix.set(key, sameSuffix);
    }
  }

  /** Whether the text ending at `last` (inclusive) ends with one of the words, in any case. */
  mayEndAt(text: string, last: number): boolean {
    if (last < 2) return false;
    const c3 = text.charCodeAt(last);
    const c2 = text.charCodeAt(last - 1);
    const c1 = text.charCodeAt(last - 2);
    if (!isSet(this.last, c3) || !isSet(this.middle, c2) || !isSet(this.first, c1)) return false;
    const sameSuffix = this.bySuffix.get(suffixKey(c1 | 0x20, c2 | 0x20, c3 | 0x20));
    if (sameSuffix === undefined) return false;
    for (let w = 0; w < sameSuffix.length; w++) if (endsWithFolded(text, last, sameSuffix[w]!)) return true;
    return false;
  }
}

/**
 * Whether the text ending at `last` (inclusive) ends with `word` (lower-case letters and digits)
 * in any case: `| 0x20` lowers an upper-case ASCII letter and leaves digits as they are.
 */
function endsWithFolded(text: string, last: number, word: string): boolean {
  const start = last - word.length + 1;
  if (start < 0) return false;
  for (let i = word.length - 4; i >= 0; i--) if ((text.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

function allow(table: Uint8Array, code: number): void {
  table[code] = 1;
  if (code >= 97 && code <= 122) table[code - 32] = 1;
}

function isSet(table: Uint8Array, code: number): boolean {
  return code < 128 && table[code] === 1;
}

/** Three ASCII code units as one number. */
function suffixKey(c1: number, c2: number, c3: number): number {
  return (c1 << 16) | (c2 << 8) | c3;
}
