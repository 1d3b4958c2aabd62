/**
 * Barnes–Hut t-SNE (van der Maaten 2014) in 2 or 3 dimensions, for any number
 * of points (no 10k cap):
 * - input similarities from the exact k = 3·perplexity nearest neighbours, each
 *   point's Gaussian bandwidth found by bisection to the perplexity, then
 *   symmetrised: P = (P + Pᵀ) / 2n, sparse;
 * - attraction over the sparse P, repulsion through a quadtree/octree with the
 *   opening angle θ (the gradient is a kernel: kernels/tsneKernel.ts, native with
 *   the points split over threads, or its JavaScript reference);
 * - early exaggeration 12 for the first quarter (at most 250 iterations) with
 *   momentum 0.5, then 0.8; per-coordinate gains (delta-bar-delta); learning rate
 *   max(n / 48, 50), scikit-learn's "auto" for this gradient;
 * - initialised from PCA scaled to a standard deviation of 1e-4 (openTSNE's
 *   default), plus a seeded jitter of 1e-6 so that duplicate points separate.
 * The whole optimiser state (Y, update, gains, iteration) can be taken out and
 * passed back in: that is how a paused t-SNE resumes.
 */
import { availableParallelism } from 'node:os';
import type { Knn } from './knn.js';
import { Rng } from '../base/random.js';
import { tsneKernel } from '../kernels/registry.js';
import type { TsneKernel } from '../kernels/tsneKernel.js';

export interface TsneParams {
  perplexity: number;
  iterations: number;
  theta: number;
  seed: number;
}

export interface TsneState {
  Y: Float64Array;
  update: Float64Array;
  gains: Float64Array;
  /** Iterations done. */
  iteration: number;
}

export interface SparseP {
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

/** Conditional p_{j|i} over each point's k neighbours, with bandwidths matched to the perplexity; then symmetrised. */
export function inputSimilarities(knn: Knn, n: number, perplexity: number): SparseP {
  const k = knn.k;
  const target = Math.log(Math.min(perplexity, Math.max(1.01, k)));
  const cond = new Float64Array(n * k);
  const p = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    const d0 = knn.dist2[o];
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let step = 0; step < 200; step++) {
      let sum = 0;
      let sumDP = 0;
      for (let j = 0; j < k; j++) {
        const dd = knn.dist2[o + j] - d0; // shifted: the same distribution, no underflow
        p[j] = Math.exp(-beta * dd);
        sum += p[j];
        sumDP += dd * p[j];
      }
      const H = Math.log(sum) + (beta * sumDP) / sum;
      if (Math.abs(H - target) < 1e-5) break;
      if (H > target) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += p[j];
    for (let j = 0; j < k; j++) cond[o + j] = p[j] / sum;
  }
  // Symmetrise: entries (i, j, p) and (j, i, p), bucketed by row, merged per row.
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      counts[i + 1]++;
      counts[knn.indices[i * k + j] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const rawCols = new Int32Array(counts[n]);
  const rawVals = new Float64Array(counts[n]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const x = knn.indices[i * k + j];
      const v = cond[i * k + j];
      rawCols[fill[i]] = x;
      rawVals[fill[i]++] = v;
      rawCols[fill[x]] = i;
      rawVals[fill[x]++] = v;
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const cols = new Int32Array(counts[n]);
  const vals = new Float64Array(counts[n]);
  let nnz = 0;
  const scale = 1 / (2 * n);
  for (let i = 0; i < n; i++) {
    const a = counts[i];
    const b = counts[i + 1];
    const order = Array.from({ length: b - a }, (_, t) => a + t).sort((u, v) => rawCols[u] - rawCols[v]);
    for (const e of order) {
      if (nnz > rowPtr[i] && cols[nnz - 1] === rawCols[e]) vals[nnz - 1] += rawVals[e] * scale;
      else {
        cols[nnz] = rawCols[e];
        vals[nnz++] = rawVals[e] * scale;
      }
    }
    rowPtr[i + 1] = nnz;
  }
  return { rowPtr, cols: cols.slice(0, nnz), vals: vals.slice(0, nnz) };
}

export class Tsne {
  readonly state: TsneState;
  private readonly P: SparseP;
  private readonly grad: Float64Array;
  private readonly lr: number;
  readonly exaggerationIterations: number;
  /** KL divergence at the last iteration that computed it (every 25). */
  kl = NaN;
  private readonly kernel: TsneKernel;
  private readonly out = new Float64Array(2);
  private readonly threads: number;

  constructor(
    knn: Knn,
    private readonly n: number,
    private readonly dims: 2 | 3,
    private readonly params: TsneParams,
    init: Float64Array | null,
    resume?: TsneState,
    /** Threads the native gradient splits the points over; the layout does not depend on it beyond rounding. */
    threads = availableParallelism(),
  ) {
    this.kernel = tsneKernel();
    this.threads = Math.max(1, Math.floor(threads));
    this.P = inputSimilarities(knn, n, params.perplexity);
    this.grad = new Float64Array(n * dims);
    this.lr = Math.max(n / 48, 50);
    this.exaggerationIterations = Math.min(250, Math.floor(params.iterations / 4));
    if (resume) {
      this.state = { Y: resume.Y.slice(), update: resume.update.slice(), gains: resume.gains.slice(), iteration: resume.iteration };
    } else {
      const Y = new Float64Array(n * dims);
      const rng = new Rng(params.seed);
      if (init) {
        let m = 0;
        for (let i = 0; i < n; i++) m += init[i * dims];
        m /= n;
        let v = 0;
        for (let i = 0; i < n; i++) v += (init[i * dims] - m) ** 2;
        const scale = 1e-4 / (Math.sqrt(v / n) || 1);
        for (let t = 0; t < n * dims; t++) Y[t] = init[t] * scale + 1e-6 * rng.normal();
      } else {
        for (let t = 0; t < n * dims; t++) Y[t] = 1e-4 * rng.normal();
      }
      this.state = { Y, update: new Float64Array(n * dims), gains: new Float64Array(n * dims).fill(1), iteration: 0 };
    }
  }

  get done(): boolean {
    return this.state.iteration >= this.params.iterations;
  }

  /** One gradient step: the gradient (kernels/tsneKernel.ts: a tree over the layout, then forces), then the gains-and-momentum update. */
  step(): void {
    const it = this.state.iteration;
    const early = it < this.exaggerationIterations;
    const computeKl = it % 25 === 0 || it + 1 >= this.params.iterations;
    const { rowPtr, cols, vals } = this.P;
    this.kernel.gradient({
      Y: this.state.Y, n: this.n, dims: this.dims, theta: this.params.theta, rowPtr, cols, vals,
      exaggeration: early ? 12 : 1, computeKl: computeKl ? 1 : 0, threads: this.threads, grad: this.grad, out: this.out,
    });
    if (computeKl) this.kl = this.out[1] + Math.log(Math.max(this.out[0], 1e-300));
    this.move(early ? 0.5 : 0.8);
    this.state.iteration = it + 1;
  }

  /** Gains, momentum and the step (as in van der Maaten's bhtsne); then the layout is re-centred. */
  private move(momentum: number): void {
    const { n, dims: D, grad } = this;
    const { Y, update, gains } = this.state;
    const mean = new Float64Array(D);
    for (let t = 0; t < n * D; t++) {
      const g = grad[t];
      gains[t] = Math.sign(g) !== Math.sign(update[t]) ? gains[t] + 0.2 : Math.max(0.01, gains[t] * 0.8);
      update[t] = momentum * update[t] - this.lr * gains[t] * g;
      Y[t] += update[t];
      mean[t % D] += Y[t];
    }
    for (let c = 0; c < D; c++) mean[c] /= n;
    for (let t = 0; t < n * D; t++) Y[t] -= mean[t % D];
  }
}
