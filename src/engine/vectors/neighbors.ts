/** Nearest neighbours by cosine, from one product of the unit vectors with the query rows. */
import type { KeyedVectors } from '../vectors/keyedVectors.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';

export interface Neighbor {
  word: string;
  index: number;
  cosine: number;
}

/** Top-k neighbours of each query row (excluding the query's own index), among the first `limit` words. */
export function nearestNeighbors(kv: KeyedVectors, queries: number[], k: number, kernels: LinalgKernels, limit = kv.size): Neighbor[][] {
  return nearestToRows(kv, queries.length > 0 ? kv.gather(queries) : new Float32Array(0), queries, k, kernels, limit);
}

/**
 * Top-k neighbours of query rows given as unit vectors (nq × dim), each excluding the index
 * `exclude[q]` (−1: none, for a vector that is no word of the run, such as a fastText unseen word).
 */
export function nearestToRows(kv: KeyedVectors, rows: Float32Array, exclude: number[], k: number, kernels: LinalgKernels, limit = kv.size): Neighbor[][] {
  const R = Math.min(limit, kv.size);
  const nq = exclude.length;
  const S = new Float32Array(R * nq);
  if (nq > 0) kernels.dotRows(kv.unit, kv.dim, 0, R, rows, nq, S);
  return exclude.map((self, q) => {
    // A small sorted buffer: k is small (10–100), so insertion beats a heap here.
    const idx: number[] = [];
    const val: number[] = [];
    for (let x = 0; x < R; x++) {
      if (x === self) continue;
      const s = S[x * nq + q];
      if (idx.length === k && s <= val[k - 1]) continue;
      let p = idx.length === k ? k - 1 : idx.length;
      while (p > 0 && val[p - 1] < s) p--;
      idx.splice(p, 0, x);
      val.splice(p, 0, s);
      if (idx.length > k) {
        idx.pop();
        val.pop();
      }
    }
    return idx.map((i, n) => ({ word: kv.words[i], index: i, cosine: val[n] }));
  });
}
