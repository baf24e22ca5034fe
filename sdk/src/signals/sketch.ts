/**
 * What the signals keep of a prompt: never its text, only a sketch of its frame. The prompt is
 * read as a skeleton — findings replaced by their types, numbers by `#`, capitalised words inside
 * a sentence (names) by `^`, everything else lower-cased — and the word pairs of its first and
 * last 16 skeleton words are reduced to two one-permutation MinHash sketches of 16 bins each
 * (the smallest hash of the pairs that fall in each bin). Hashes are keyed with a random seed
 * per instance, so a sketch cannot be matched against hashes of guessed words made elsewhere.
 * Also noted: whether the prompt asks for reasoning (phrases.ts) and its task category
 * (topics.ts). Only the first and last 600 characters are read: the frame of a template is
 * there, and the cost stays flat whatever the prompt's length.
 */
import { asksForReasoning } from './phrases';
import { TOPIC_COUNT, TOPIC_OF_WORD } from './topics';

export const SKETCH_BINS = 16;
/** Skeleton words of the head and of the tail that make the frame. */
export const FRAME_WORDS = 16;
/** Characters read at each end of the prompt. */
export const READ_CHARS = 600;

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

const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
const DIGIT = /\p{N}/u;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';']);

export function sketchPrompt(text: string, spans: readonly PromptSpan[], seed: number): PromptSketch {
  const headEnd = Math.min(text.length, READ_CHARS);
  const tailStart = Math.max(headEnd, text.length - READ_CHARS);
  const topicHits = new Uint16Array(TOPIC_COUNT);
  const head = skeleton(text, 0, headEnd, spans, seed, topicHits);
  const tail = tailStart < text.length ? skeleton(text, tailStart, text.length, spans, seed, topicHits) : head;
  const bins = new Uint32Array(2 * SKETCH_BINS);
  minHash(head.slice(0, FRAME_WORDS), seed ^ 0x5bd1e995, bins, 0);
  minHash(tail.slice(-FRAME_WORDS), seed ^ 0x1b873593, bins, SKETCH_BINS);
  let topic = -1;
  for (let t = 0; t < TOPIC_COUNT; t++) if (topicHits[t]! > 0 && (topic < 0 || topicHits[t]! > topicHits[topic]!)) topic = t;
  const reasoning = asksForReasoning(text.slice(0, headEnd)) || (tailStart < text.length && asksForReasoning(text.slice(tailStart)));
  return { bins, reasoning, topic };
}

/** The skeleton words of `text[from, to)` as keyed hashes; counts topic words on the way. */
function skeleton(text: string, from: number, to: number, spans: readonly PromptSpan[], seed: number, topicHits: Uint16Array): number[] {
  const out: number[] = [];
  const region = text.slice(from, to);
  let sentenceStart = true;
  let lastSpan = -1;
  let spanAt = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(region); m !== null; m = TOKEN.exec(region)) {
    const word = m[0];
    const start = from + m.index;
    while (spanAt < spans.length && spans[spanAt]!.end <= start) spanAt++;
    const span = spans[spanAt];
    let normal: string;
    if (span !== undefined && span.start <= start) {
      if (lastSpan === spanAt) continue;
      lastSpan = spanAt;
      normal = `<${span.type}>`;
    } else if (DIGIT.test(word)) normal = '#';
    else {
      const lower = word.toLowerCase();
      const topic = TOPIC_OF_WORD.get(lower);
      if (topic !== undefined) topicHits[topic]!++;
      normal = !sentenceStart && lower !== word && word[0] !== lower[0] ? '^' : lower;
    }
    sentenceStart = SENTENCE_END.has(word) || (m.index > 0 && region.charCodeAt(m.index - 1) === 10);
    out.push(hashString(normal, seed));
  }
  return out;
}

/** One-permutation MinHash of the word pairs of `words` into `bins[offset, offset + SKETCH_BINS)`. */
function minHash(words: readonly number[], seed: number, bins: Uint32Array, offset: number): void {
  for (let i = 0; i + 1 < words.length; i++) {
    const h = mix(Math.imul(words[i]!, 0x9e3779b1) ^ words[i + 1]! ^ seed) || 1;
    const bin = offset + (h & (SKETCH_BINS - 1));
    if (bins[bin] === 0 || h < bins[bin]!) bins[bin] = h;
  }
}

/** FNV-1a over UTF-16 code units, finished by `mix`. */
function hashString(value: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
