/**
 * Exact k nearest neighbours by Euclidean distance, from blocked products of
 * the rows with themselves (dotRows, native where built): for a block of query
 * rows, one row of scores per query, then a bounded selection of the k best.
 * For unit rows the order is the cosine order. Cost n² · d: about 3.5 s for
 * 10k × 300 on one core; callers reduce d first for large n (see knnSpace).
 */
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import { Cancelled } from '../base/errors.js';

export interface Knn {
  k: number;
  /** Row-major n × k, nearest first; the point itself is left out. */
  indices: Int32Array;
  /** Squared Euclidean distances, same layout. */
  dist2: Float32Array;
}

export interface KnnHooks {
  onRows?(done: number): void;
  signal?: AbortSignal;
  pause?: () => Promise<void> | null;
}

export async function exactKnn(X: Float32Array, n: number, d: number, k: number, kernels: LinalgKernels, hooks: KnnHooks = {}): Promise<Knn> {
  k = Math.min(k, n - 1);
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += X[i * d + t] ** 2;
    norms[i] = s;
  }
  const indices = new Int32Array(n * k);
  const dist2 = new Float32Array(n * k);
  const block = Math.max(1, Math.min(128, Math.floor(16_000_000 / Math.max(1, n))));
  const S = new Float32Array(block * n);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    const nb = to - from;
    // S[q·n + x] = X[from + q] · X[x]: one contiguous row of scores per query.
    kernels.dotRows(X.subarray(from * d, to * d), d, 0, nb, X, n, S);
    for (let q = 0; q < nb; q++) {
      const self = from + q;
      const row = q * n;
      const nq = norms[self];
      let size = 0;
      let worst = Infinity;
      for (let x = 0; x < n; x++) {
        if (x === self) continue;
        const dd = nq + norms[x] - 2 * S[row + x];
        if (size === k && dd >= worst) continue;
        // Insertion into the sorted buffer (k is small: 15–300).
        let p = size < k ? size++ : k - 1;
        while (p > 0 && bestD[p - 1] > dd) {
          bestD[p] = bestD[p - 1];
          bestI[p] = bestI[p - 1];
          p--;
        }
        bestD[p] = dd;
        bestI[p] = x;
        if (size === k) worst = bestD[k - 1];
      }
      const o = self * k;
      for (let j = 0; j < k; j++) {
        indices[o + j] = bestI[j];
        dist2[o + j] = Math.max(0, bestD[j]);
      }
    }
    hooks.onRows?.(to);
    const p = hooks.pause?.();
    if (p) await p;
    if (hooks.signal?.aborted) throw new Cancelled();
  }
  return { k, indices, dist2 };
}
