/**
 * The training stream a method sees: the corpus's token ids restricted to the
 * vocabulary (ids are frequency ranks, so that is a prefix), optionally
 * subsampled, cut into segments at paragraph and document starts.
 */
import { Rng } from '../base/random.js';
import { varintBytes, writeVarint } from '../base/varint.js';

export interface VocabCut {
  /** Words kept: ids 0..size-1. */
  size: number;
  /** Occurrences of the kept words in the corpus. */
  totalKept: number;
}

export function cutVocabulary(counts: Uint32Array, minCount: number, maxVocab: number): VocabCut {
  let size = 0;
  while (size < counts.length && counts[size] >= minCount) size++;
  if (maxVocab > 0) size = Math.min(size, maxVocab);
  let totalKept = 0;
  for (let i = 0; i < size; i++) totalKept += counts[i];
  return { size, totalKept };
}

/** word2vec.c's keep probability for a word seen `count` times among `total`, threshold t. */
export function keepProbability(count: number, total: number, t: number): number {
  if (t <= 0) return 1;
  const ft = t * total;
  return Math.min(1, (Math.sqrt(count / ft) + 1) * (ft / count));
}

export interface TrainingStream<Ids extends Uint32Array | Uint16Array = Uint32Array> {
  ids: Ids;
  /** Offsets into ids where a segment starts; segStarts[0] = 0; windows never cross a start. */
  segStarts: Uint32Array;
}

/**
 * Builds the stream from the corpus's tokens, given as consecutive pieces (for
 * example tokenChunks(), so that the whole corpus is never held twice).
 */
export function prepareStream(
  pieces: Iterable<Uint32Array>, breaks: Uint32Array, counts: Uint32Array, cut: VocabCut, subsample: number, seed: number,
): TrainingStream {
  return fillStream(new Uint32Array(new SharedArrayBuffer(Math.max(4, cut.totalKept * 4))), pieces, breaks, counts, cut, subsample, seed);
}

/**
 * The same stream in 16-bit ids where the vocabulary allows (at most 65,536 words),
 * else 32-bit: half the memory for the trainers that take either.
 */
export function prepareCompactStream(
  pieces: Iterable<Uint32Array>, breaks: Uint32Array, counts: Uint32Array, cut: VocabCut, subsample: number, seed: number,
): TrainingStream<Uint32Array | Uint16Array> {
  if (cut.size > 1 << 16) return prepareStream(pieces, breaks, counts, cut, subsample, seed);
  return fillStream(new Uint16Array(new SharedArrayBuffer(Math.max(4, cut.totalKept * 2))), pieces, breaks, counts, cut, subsample, seed);
}

function fillStream<Ids extends Uint32Array | Uint16Array>(
  ids: Ids, pieces: Iterable<Uint32Array>, breaks: Uint32Array, counts: Uint32Array, cut: VocabCut, subsample: number, seed: number,
): TrainingStream<Ids> {
  const keep = new Float64Array(cut.size);
  for (let i = 0; i < cut.size; i++) keep[i] = keepProbability(counts[i], cut.totalKept, subsample);
  const rng = new Rng(seed);
  // `ids` is shared memory (the training and counting threads read it without a copy),
  // sized by the kept words' counts, which add up to the stream's length before subsampling.
  // A segment opens only after a break (or at the start): at most one more than there are breaks. Typed, not a
  // number[] grown by doubling: on a 290M-token corpus that list and its copy were half a byte a token.
  const starts = new Uint32Array(breaks.length + 1);
  let segments = 0;
  let n = 0;
  let b = 0;
  let p = 0; // corpus offset of the token being read
  let segmentOpen = false;
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++, p++) {
      if (b < breaks.length && breaks[b] === p) {
        segmentOpen = false;
        while (b < breaks.length && breaks[b] === p) b++;
      }
      const id = piece[i];
      if (id >= cut.size) continue;
      if (subsample > 0 && keep[id] < 1 && rng.next() >= keep[id]) continue;
      if (!segmentOpen) {
        starts[segments++] = n;
        segmentOpen = true;
      }
      if (n === ids.length) throw new Error('The corpus holds more tokens of the kept words than its vocabulary counts.');
      ids[n++] = id;
    }
  }
  return { ids: ids.subarray(0, n) as Ids, segStarts: starts.subarray(0, segments) };
}

/** A training stream in varints (word2vec's): sentences as byte ranges. */
export interface VarintStream {
  /** The kept tokens, LEB128 varints (base/varint.ts) in shared memory. */
  bytes: Uint8Array;
  /** Byte offsets of the sentences, with an end sentinel: sentence s is bytes[starts[s] .. starts[s + 1]). */
  starts: Uint32Array;
  /** Tokens in the stream. */
  tokens: number;
}

/**
 * The stream (no subsampling) as varints, cut into sentences at paragraph and document starts and every
 * `maxSentence` tokens. Ids are frequency ranks, so most take one or two bytes: about 1.5 bytes a token on
 * ordinary text, where 16-bit ids took 2 (the floor of what training held, a token at a time). Its size is
 * known from the counts, so it is allocated once; null, before reading a token, when that size would not fit
 * the 32-bit offsets of its sentence starts (past some 2.8 billion tokens).
 */
export function prepareVarintStream(pieces: Iterable<Uint32Array>, breaks: Uint32Array, counts: Uint32Array, cut: VocabCut, maxSentence: number): VarintStream | null {
  let size = 0;
  for (let r = 0; r < cut.size; r++) size += counts[r] * varintBytes(r);
  if (size > 0xffffffff) return null;
  const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(4, size)));
  // At most one sentence per segment (one more than there are breaks) plus one per maxSentence tokens.
  const starts = new Uint32Array(breaks.length + 2 + Math.ceil(cut.totalKept / maxSentence));
  let sentences = 0;
  let at = 0;
  let tokens = 0;
  let inSentence = maxSentence; // the next kept token opens a sentence
  let b = 0;
  let p = 0; // corpus offset of the token being read
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++, p++) {
      if (b < breaks.length && breaks[b] === p) {
        inSentence = maxSentence;
        while (b < breaks.length && breaks[b] === p) b++;
      }
      const v = piece[i];
      if (v >= cut.size) continue;
      if (inSentence === maxSentence) {
        starts[sentences++] = at;
        inSentence = 0;
      }
      if (at + varintBytes(v) > size) throw new Error('The corpus holds more tokens of the kept words than its vocabulary counts.');
      at = writeVarint(v, bytes, at);
      inSentence++;
      tokens++;
    }
  }
  starts[sentences] = at;
  const shared = new Uint32Array(new SharedArrayBuffer((sentences + 1) * 4));
  shared.set(starts.subarray(0, sentences + 1));
  return { bytes: bytes.subarray(0, at), starts: shared, tokens };
}
