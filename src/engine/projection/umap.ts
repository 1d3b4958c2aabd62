/**
 * UMAP through umap-js, with three changes that make it fast, reproducible and
 * never silent: the neighbour graph is our exact kNN (umap-js's NN-descent over
 * number[][] takes about 20 s for 10k × 300); the fuzzy graph built from it is
 * umapGraph.ts's, row by row with progress, and handed to umap-js's optimiser as
 * its edges; and the layout starts from the PCA coordinates scaled to ±10 instead of
 * umap-js's uniform random start (umap-learn starts from a spectral layout for the
 * same reason: the global arrangement survives). Randomness (negative sampling)
 * comes from the seeded Rng. Epochs run one at a time, so progress and cancel work
 * between them.
 */
import type { Knn } from './knn.js';
import { umapEdges } from './umapGraph.js';
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
  /** Rows of the fuzzy neighbour graph done, of n. */
  onGraphRows?(done: number): void;
  onEpochs?(total: number): void;
  onEpoch?(epoch: number): void;
  signal?: AbortSignal;
  pause?: () => Promise<void> | null;
}

/** What of umap-js's fitting state its optimiser reads, set here instead of by its initializeFit. */
interface UmapInternals {
  graph: { nRows: number; nCols: number };
  embedding: number[][];
  isInitialized: boolean;
  getNEpochs(): number;
  assignOptimizationStateParameters(state: { head: number[]; tail: number[]; epochsPerSample: number[] }): void;
  initializeOptimization(): void;
  prepareForOptimizationLoop(): void;
}

export async function umapLayout(knn: Knn, n: number, dims: 2 | 3, p: UmapParams, init: Float64Array, hooks: UmapHooks = {}): Promise<{ coords: Float64Array; epochs: number }> {
  const rng = new Rng(p.seed);
  const nn = Math.min(p.nNeighbors, knn.k + 1, n - 1);
  const { UMAP } = await import('umap-js'); // loaded on first use: it is not needed to start
  const umap = new UMAP({ nComponents: dims, nNeighbors: nn, minDist: p.minDist, random: () => rng.next(), ...(p.epochs > 0 ? { nEpochs: p.epochs } : {}) });
  const fit = umap as unknown as UmapInternals;
  fit.graph = { nRows: n, nCols: n }; // all that umap-js reads of the graph once it has the edges: its size
  const epochs = fit.getNEpochs();
  const edges = await umapEdges(knn, n, nn, epochs, { onRows: hooks.onGraphRows, signal: hooks.signal, pause: hooks.pause });
  // umap-js draws its random start here; the PCA start replaces it, but the draws are made so that the
  // negative samples after them, and so the layout of a seed, are the ones umap-js's own fit gives.
  for (let i = 0; i < n * dims; i++) rng.next();
  let maxAbs = 0;
  for (const v of init) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = 10 / (maxAbs || 1);
  fit.embedding = Array.from({ length: n }, (_, i) => Array.from({ length: dims }, (_, c) => init[i * dims + c] * scale));
  fit.assignOptimizationStateParameters(edges);
  fit.initializeOptimization();
  fit.prepareForOptimizationLoop();
  fit.isInitialized = true;
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
