/**
 * Neighbours of a word outside a run's vocabulary, for runs imported from a fastText model:
 * the word's vector is the mean of its character n-gram rows, read from the model file as
 * `fasttext print-word-vectors` computes it (formats/fastText/unseenWords.ts).
 */
import { LabError } from '../../../shared/labError.js';
import type { NeighborItem, SubwordLayout } from '../../../shared/contract.js';
import { SubwordFile } from './unseenWords.js';
import type { LinalgKernels } from '../../kernels/linalgKernels.js';
import type { KeyedVectors } from '../../vectors/keyedVectors.js';
import { nearestToRows } from '../../vectors/neighbors.js';

/** The unit vector of an unseen word, or a LabError saying why there is none. */
export async function unseenWordVector(layout: SubwordLayout, word: string): Promise<Float32Array> {
  const file = await SubwordFile.open(layout);
  try {
    const { vectors, ngrams } = await file.vectors([word]);
    if (ngrams[0] === 0) {
      throw new LabError(`"${word}" is not in this run's vocabulary, and none of its character n-grams (${layout.minn}–${layout.maxn}) gives it a vector.`, 'not-found');
    }
    let norm = 0;
    for (const x of vectors) norm += x * x;
    const scale = 1 / (Math.sqrt(norm) || 1);
    return vectors.map((x) => x * scale);
  } finally {
    await file.close();
  }
}

export async function unseenWordNeighbors(kv: KeyedVectors, layout: SubwordLayout, word: string, k: number, kernels: LinalgKernels): Promise<NeighborItem[]> {
  const q = await unseenWordVector(layout, word);
  return nearestToRows(kv, q, [-1], k, kernels)[0].map(({ word: w, cosine }) => ({ word: w, cosine }));
}
