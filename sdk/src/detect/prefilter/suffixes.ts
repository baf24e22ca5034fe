/**
 * A cheap necessary test for "this name may end with one of these words": the last three
 * characters, case-insensitively, each checked against the characters the words have at that
 * place. Three table reads per operator, where a set of three-character strings would cost a
 * hash per operator; a name passing it by accident (`pwt` mixes `pwd` and `pat`) only costs a
 * detector call, as the detector checks the name itself.
 */
export class SuffixFilter {
  /** A flag per ASCII code unit, letters in both cases: the words' last, second-last and third-last characters. */
  private readonly last = new Uint8Array(128);
  private readonly middle = new Uint8Array(128);
  private readonly first = new Uint8Array(128);

  /**
   * `words` are lower case, three letters or more, and none ends in three hex digits: the colon
   * sweep skips runs of hex digits and colons (`ab:cd:ef`, IPv6), where such a word would sit.
   */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      const end = word.length;
      if (end < 3 || word !== word.toLowerCase() || /^[0-9a-f]{3}$/.test(word.slice(-3))) throw new Error(`assignment trigger word "${word}": lower case, three letters or more, not ending in three hex digits`);
      allow(this.last, word.charCodeAt(end - 1));
      allow(this.middle, word.charCodeAt(end - 2));
      allow(this.first, word.charCodeAt(end - 3));
    }
  }

  /**
   * Whether the text ending at `last` (inclusive) may end with one of the words: each of its last
   * three characters is one some word has at that place (so `pwt`, mixing `pwd` and `pat`, passes too).
   */
  mayEndAt(text: string, last: number): boolean {
    return last >= 2 && isSet(this.last, text.charCodeAt(last)) && isSet(this.middle, text.charCodeAt(last - 1)) && isSet(this.first, text.charCodeAt(last - 2));
  }
}

function allow(table: Uint8Array, code: number): void {
  table[code] = 1;
  if (code >= 97 && code <= 122) table[code - 32] = 1;
}

function isSet(table: Uint8Array, code: number): boolean {
  return code < 128 && table[code] === 1;
}
