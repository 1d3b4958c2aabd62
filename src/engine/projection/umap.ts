/**
 * UMAP through umap-js, with two changes that make it fast and reproducible:
 * the neighbour graph is our exact kNN (umap-js's NN-descent over number[][]
 * takes about 20 s for 10k × 300), handed over with setPrecomputedKNN; and the
 * layout starts from the PCA coordinates scaled to ±10 instead of umap-js's
 * uniform random start (umap-learn starts from a spectral layout for the same
 * reason: the global arrangement survives). Randomness (negative sampling)
 * comes from the seeded Rng. Epochs run one at a time, so progress and cancel
 * work between them.
 */
import type { Knn } from './knn.js';
import { Rng } from '../base/random.js';
import { Cancelled } from '../base/errors.js';

export interface UmapParams {
  nNeighbors: number;
  minDist: number;
  /** 0: umap-js's choice for the size. */
  epochs: number;
  seed: number;
}

export interface UmapHooks {
  onEpochs?(total: number): void;
  onEpoch?(epoch: number): void;
  signal?: AbortSignal;
  pause?: () => Promise<void> | null;
}

export async function umapLayout(knn: Knn, n: number, dims: 2 | 3, p: UmapParams, init: Float64Array, hooks: UmapHooks = {}): Promise<{ coords: Float64Array; epochs: number }> {
  const rng = new Rng(p.seed);
  const nn = Math.min(p.nNeighbors, knn.k + 1, n - 1);
  const { UMAP } = await import('umap-js'); // loaded on first use: it is not needed to start
  const umap = new UMAP({ nComponents: dims, nNeighbors: nn, minDist: p.minDist, random: () => rng.next(), ...(p.epochs > 0 ? { nEpochs: p.epochs } : {}) });
  // umap-learn's kNN lists each point first, at distance 0.
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const idx = [i];
    const dist = [0];
    for (let j = 0; j < nn - 1; j++) {
      idx.push(knn.indices[i * knn.k + j]);
      dist.push(Math.sqrt(knn.dist2[i * knn.k + j]));
    }
    indices.push(idx);
    distances.push(dist);
  }
  umap.setPrecomputedKNN(indices, distances);
  // The data themselves are not read once the kNN is given: only their count.
  const X = Array.from({ length: n }, () => [] as number[]);
  const epochs = umap.initializeFit(X);
  const embedding = (umap as unknown as { embedding: number[][] }).embedding;
  let maxAbs = 0;
  for (const v of init) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = 10 / (maxAbs || 1);
  for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) embedding[i][c] = init[i * dims + c] * scale;
  hooks.onEpochs?.(epochs);
  for (let e = 0; e < epochs; e++) {
    umap.step();
    hooks.onEpoch?.(e + 1);
    const wait = hooks.pause?.();
    if (wait) await wait;
    if (hooks.signal?.aborted) throw new Cancelled();
  }
  const out = umap.getEmbedding();
  const coords = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) coords[i * dims + c] = out[i][c];
  return { coords, epochs };
}
