/**
 * What the signals keep of a prompt: never its text, only a sketch of its frame. The prompt is
 * read as a skeleton — findings replaced by their types, numbers by `#`, capitalised words inside
 * a sentence (names) by `^`, everything else lower-cased — and the word pairs of its first and
 * last 16 skeleton tokens are reduced to two one-permutation MinHash sketches of 16 bins each
 * (the smallest hash of the pairs that fall in each bin). Hashes are keyed with a random seed
 * per instance, so a sketch cannot be matched against hashes of guessed words made elsewhere.
 * Also noted on the same pass: whether the prompt asks for reasoning (phrases.ts) and its task
 * category (topics.ts). Only the first and last 300 characters are read: the frame of a template
 * is there, and the cost stays flat whatever the prompt's length.
 */
import { REASONING_PHRASES } from './phrases';
import { TOPIC_COUNT, TOPIC_OF_WORD } from './topics';
import { mix, readWords, wordHash } from './words';

export const SKETCH_BINS = 16;
/** Skeleton tokens of the head and of the tail that make the frame. */
export const FRAME_TOKENS = 16;
/** Characters read at each end of the prompt. */
export const READ_CHARS = 300;

export interface PromptSketch {
  /** `SKETCH_BINS` bins of the head, then `SKETCH_BINS` of the tail; 0 is an empty bin. */
  bins: Uint32Array;
  reasoning: boolean;
  /** Index of the task category (topics.ts), or -1. */
  topic: number;
}

/** A finding inside the prompt, by offsets: replaced by its type in the skeleton. */
export interface PromptSpan {
  start: number;
  end: number;
  type: string;
}

/** Words in the longest phrase. */
const MAX_PHRASE_WORDS = 5;
const combine = (acc: number, word: number): number => mix(Math.imul(acc, 0x9e3779b1) ^ word);

const PHRASE_WORDS = Object.values(REASONING_PHRASES)
  .flat()
  .map((phrase) => phrase.split(' ').map(wordHash));
/** Hashes of every phrase, built last word first, as `readWords` meets them. */
const PHRASES: ReadonlySet<number> = new Set(
  PHRASE_WORDS.map((words) => {
    let hash = words[words.length - 1]!;
    for (let i = words.length - 2; i >= 0; i--) hash = combine(hash, words[i]!);
    return hash;
  }),
);
/** Words a phrase ends with: only at one of them is a phrase looked for. */
const LAST_WORDS: ReadonlySet<number> = new Set(PHRASE_WORDS.map((words) => words[words.length - 1]!));

const NUMBER = wordHash('#');
const NAME = wordHash('^');

export function sketchPrompt(text: string, spans: readonly PromptSpan[], seed: number): PromptSketch {
  const headEnd = Math.min(text.length, READ_CHARS);
  const tailStart = Math.max(headEnd, text.length - READ_CHARS);
  const reader = new SkeletonReader(spans, seed);
  readWords(text, 0, headEnd, reader);
  const head = reader.take();
  let tail = head;
  if (tailStart < text.length) {
    reader.resetPhrase();
    readWords(text, tailStart, text.length, reader);
    tail = reader.take();
  }
  const bins = new Uint32Array(2 * SKETCH_BINS);
  minHash(head, 0, Math.min(head.length, FRAME_TOKENS), seed ^ 0x5bd1e995, bins, 0);
  minHash(tail, Math.max(0, tail.length - FRAME_TOKENS), tail.length, seed ^ 0x1b873593, bins, SKETCH_BINS);
  let topic = -1;
  for (let t = 0; t < TOPIC_COUNT; t++) if (reader.topicHits[t]! > 0 && (topic < 0 || reader.topicHits[t]! > reader.topicHits[topic]!)) topic = t;
  return { bins, reasoning: reader.reasoning, topic };
}

/** Collects a region's skeleton tokens; notes reasoning phrases and topic words on the way. */
class SkeletonReader {
  tokens: number[] = [];
  readonly topicHits = new Uint16Array(TOPIC_COUNT);
  reasoning = false;
  private sentenceStart = true;
  private nextSpan = 0;
  private lastSpan: PromptSpan | undefined;
  private readonly recent: number[] = [];

  constructor(
    private readonly spans: readonly PromptSpan[],
    private readonly seed: number,
  ) {}

  take(): number[] {
    const tokens = this.tokens;
    this.tokens = [];
    this.sentenceStart = true;
    return tokens;
  }

  resetPhrase(): void {
    this.recent.length = 0;
  }

  /** The finding `at` falls in, if any (spans are sorted, and read in order). */
  private spanAt(at: number): PromptSpan | undefined {
    const spans = this.spans;
    while (this.nextSpan < spans.length && spans[this.nextSpan]!.end <= at) this.nextSpan++;
    const span = spans[this.nextSpan];
    return span !== undefined && span.start <= at ? span : undefined;
  }

  word(hash: number, capitalised: boolean, digits: boolean, start: number): void {
    const span = this.spanAt(start);
    let token: number;
    if (span !== undefined) {
      // A finding is one token of its type, however many words and marks it spans.
      if (this.lastSpan === span) return;
      this.lastSpan = span;
      token = wordHash(`<${span.type}>`);
    } else if (digits) token = NUMBER;
    else {
      const topic = TOPIC_OF_WORD.get(hash);
      if (topic !== undefined) this.topicHits[topic]!++;
      token = capitalised && !this.sentenceStart ? NAME : hash;
      this.notePhrase(hash);
    }
    this.sentenceStart = false;
    this.tokens.push(mix(token ^ this.seed));
  }

  mark(code: number, sentenceEnd: boolean, at: number): void {
    if (this.spanAt(at) !== undefined) return;
    if (sentenceEnd) this.sentenceStart = true;
    if (code !== 10) this.tokens.push(mix((code + 0x10000) ^ this.seed));
  }

  /** Whether the last words (up to `MAX_PHRASE_WORDS`) end a phrase of the families. */
  private notePhrase(word: number): void {
    if (this.reasoning) return;
    const recent = this.recent;
    recent.push(word);
    if (recent.length > MAX_PHRASE_WORDS) recent.shift();
    if (!LAST_WORDS.has(word)) return;
    let hash = word;
    if (PHRASES.has(hash)) this.reasoning = true;
    for (let i = recent.length - 2; i >= 0 && !this.reasoning; i--) {
      hash = combine(hash, recent[i]!);
      if (PHRASES.has(hash)) this.reasoning = true;
    }
  }
}

/** One-permutation MinHash of the token pairs of `tokens[from, to)` into `bins[offset, offset + SKETCH_BINS)`. */
function minHash(tokens: readonly number[], from: number, to: number, seed: number, bins: Uint32Array, offset: number): void {
  for (let i = from; i + 1 < to; i++) {
    const h = mix(Math.imul(tokens[i]!, 0x9e3779b1) ^ tokens[i + 1]! ^ seed) || 1;
    const bin = offset + (h & (SKETCH_BINS - 1));
    if (bins[bin] === 0 || h < bins[bin]!) bins[bin] = h;
  }
}
