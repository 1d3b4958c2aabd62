/**
 * The training stream a method sees: the corpus's token ids restricted to the
 * vocabulary (ids are frequency ranks, so that is a prefix), optionally
 * subsampled, cut into segments at paragraph and document starts.
 */
import { Rng } from '../random.js';

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

export interface TrainingStream {
  ids: Uint32Array;
  /** Offsets into ids where a segment starts; segStarts[0] = 0; windows never cross a start. */
  segStarts: Uint32Array;
}

export function prepareStream(
  tokens: Uint32Array, breaks: Uint32Array, counts: Uint32Array, cut: VocabCut, subsample: number, seed: number,
): TrainingStream {
  const keep = new Float64Array(cut.size);
  for (let i = 0; i < cut.size; i++) keep[i] = keepProbability(counts[i], cut.totalKept, subsample);
  const rng = new Rng(seed);
  // Shared memory: the counting threads read the stream without a copy.
  const ids = new Uint32Array(new SharedArrayBuffer(Math.max(4, tokens.length * 4)));
  const starts: number[] = [];
  let n = 0;
  let b = 0;
  let segmentOpen = false;
  for (let p = 0; p < tokens.length; p++) {
    if (b < breaks.length && breaks[b] === p) {
      segmentOpen = false;
      while (b < breaks.length && breaks[b] === p) b++;
    }
    const id = tokens[p];
    if (id >= cut.size) continue;
    if (subsample > 0 && keep[id] < 1 && rng.next() >= keep[id]) continue;
    if (!segmentOpen) {
      starts.push(n);
      segmentOpen = true;
    }
    ids[n++] = id;
  }
  return { ids: ids.subarray(0, n), segStarts: Uint32Array.from(starts) };
}
