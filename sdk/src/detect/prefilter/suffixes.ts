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
   * Whether some word ends with three hex digits. When none does, no operator inside a run of
   * hex digits and colons (`ab:cd:ef`, an IPv6 address) can follow such a word, and the sweep
   * skips the run.
   */
  readonly endsInHex: boolean;

  /** `words` are lower case, three letters or more. */
  constructor(words: Iterable<string>) {
    let endsInHex = false;
    for (const word of words) {
      const end = word.length;
      allow(this.last, word.charCodeAt(end - 1));
      allow(this.middle, word.charCodeAt(end - 2));
      allow(this.first, word.charCodeAt(end - 3));
      endsInHex ||= /^[0-9a-f]{3}$/.test(word.slice(-3));
    }
    this.endsInHex = endsInHex;
  }

  /** Whether the text ending at `last` (inclusive) may end with one of the words. */
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
