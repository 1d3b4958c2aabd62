/**
 * Barnes–Hut t-SNE (van der Maaten 2014) in 2 or 3 dimensions, for any number
 * of points (no 10k cap):
 * - input similarities from the exact k = 3·perplexity nearest neighbours, each
 *   point's Gaussian bandwidth found by bisection to the perplexity, then
 *   symmetrised: P = (P + Pᵀ) / 2n, sparse;
 * - attraction over the sparse P, repulsion through a quadtree/octree with the
 *   opening angle θ;
 * - early exaggeration 12 for the first quarter (at most 250 iterations) with
 *   momentum 0.5, then 0.8; per-coordinate gains (delta-bar-delta); learning rate
 *   max(n / 48, 50), scikit-learn's "auto" for this gradient;
 * - initialised from PCA scaled to a standard deviation of 1e-4 (openTSNE's
 *   default), plus a seeded jitter of 1e-6 so that duplicate points separate.
 * The whole optimiser state (Y, update, gains, iteration) can be taken out and
 * passed back in: that is how a paused t-SNE resumes.
 */
import type { Knn } from './knn.js';
import { Rng } from '../base/random.js';

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

/** A quadtree (2D) or octree (3D) over the points, rebuilt every iteration, in flat arrays. */
class SpaceTree {
  private cap = 0;
  center!: Float64Array;
  half!: Float64Array;
  com!: Float64Array;
  count!: Int32Array;
  child!: Int32Array;
  start!: Int32Array;
  end!: Int32Array;
  size = 0;
  readonly perm: Int32Array;
  private readonly scratch: Int32Array;
  private readonly fanout: number;

  constructor(private readonly n: number, private readonly dims: number) {
    this.perm = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.fanout = 1 << dims;
    this.grow(Math.max(64, 2 * n));
  }

  private grow(cap: number): void {
    const D = this.dims;
    const copy = <T extends Float64Array | Int32Array>(old: T | undefined, len: number, make: (m: number) => T): T => {
      const a = make(len);
      if (old) a.set(old.subarray(0, Math.min(old.length, len)));
      return a;
    };
    this.center = copy(this.center, cap * D, (m) => new Float64Array(m));
    this.com = copy(this.com, cap * D, (m) => new Float64Array(m));
    this.half = copy(this.half, cap, (m) => new Float64Array(m));
    this.count = copy(this.count, cap, (m) => new Int32Array(m));
    this.child = copy(this.child, cap, (m) => new Int32Array(m));
    this.start = copy(this.start, cap, (m) => new Int32Array(m));
    this.end = copy(this.end, cap, (m) => new Int32Array(m));
    this.cap = cap;
  }

  build(Y: Float64Array): void {
    const { n, dims: D, fanout } = this;
    const lo = new Float64Array(D).fill(Infinity);
    const hi = new Float64Array(D).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      this.perm[i] = i;
      for (let c = 0; c < D; c++) {
        const v = Y[i * D + c];
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
      }
    }
    let half = 0;
    for (let c = 0; c < D; c++) half = Math.max(half, (hi[c] - lo[c]) / 2);
    half = half * (1 + 1e-6) + 1e-12;
    this.size = 1;
    for (let c = 0; c < D; c++) this.center[c] = (lo[c] + hi[c]) / 2;
    this.half[0] = half;
    this.start[0] = 0;
    this.end[0] = n;
    const stack: number[] = [0];
    const depth: number[] = [0];
    const bucketCount = new Int32Array(fanout);
    const bucketOf = this.scratch;
    while (stack.length) {
      const node = stack.pop()!;
      const level = depth.pop()!;
      const s = this.start[node];
      const e = this.end[node];
      const cnt = e - s;
      this.count[node] = cnt;
      for (let c = 0; c < D; c++) {
        let m = 0;
        for (let t = s; t < e; t++) m += Y[this.perm[t] * D + c];
        this.com[node * D + c] = m / cnt;
      }
      if (cnt <= 1 || level >= 40) {
        this.child[node] = -1;
        continue;
      }
      // Partition this node's points into its 2^D children by the side of the centre they lie on.
      bucketCount.fill(0);
      for (let t = s; t < e; t++) {
        const i = this.perm[t];
        let b = 0;
        for (let c = 0; c < D; c++) if (Y[i * D + c] > this.center[node * D + c]) b |= 1 << c;
        bucketOf[t] = b;
        bucketCount[b]++;
      }
      if (this.size + fanout > this.cap) this.grow(this.cap * 2);
      const first = this.size;
      this.size += fanout;
      this.child[node] = first;
      const h = this.half[node] / 2;
      let offset = s;
      const next = new Int32Array(fanout);
      for (let b = 0; b < fanout; b++) {
        const ch = first + b;
        this.start[ch] = offset;
        next[b] = offset;
        offset += bucketCount[b];
        this.end[ch] = offset;
        this.half[ch] = h;
        for (let c = 0; c < D; c++) this.center[ch * D + c] = this.center[node * D + c] + ((b >> c) & 1 ? h : -h);
        this.count[ch] = 0;
        this.child[ch] = -1;
      }
      const tmp = new Int32Array(cnt);
      for (let t = s; t < e; t++) tmp[next[bucketOf[t]]++ - s] = this.perm[t];
      this.perm.set(tmp, s);
      for (let b = 0; b < fanout; b++) {
        const ch = first + b;
        if (this.end[ch] > this.start[ch]) {
          stack.push(ch);
          depth.push(level + 1);
        }
      }
    }
  }
}

export class Tsne {
  readonly state: TsneState;
  private readonly P: SparseP;
  private readonly tree: SpaceTree;
  private readonly grad: Float64Array;
  private readonly lr: number;
  readonly exaggerationIterations: number;
  /** KL divergence at the last iteration that computed it (every 25). */
  kl = NaN;

  constructor(
    knn: Knn,
    private readonly n: number,
    private readonly dims: 2 | 3,
    private readonly params: TsneParams,
    init: Float64Array | null,
    resume?: TsneState,
  ) {
    this.P = inputSimilarities(knn, n, params.perplexity);
    this.tree = new SpaceTree(n, dims);
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

  /** One gradient step: repulsion from the tree, attraction over P, then the gains-and-momentum update. */
  step(): void {
    const it = this.state.iteration;
    const early = it < this.exaggerationIterations;
    this.tree.build(this.state.Y);
    const Z = this.repulsion();
    this.attraction(Z, early ? 12 : 1, it % 25 === 0 || it + 1 >= this.params.iterations);
    this.move(early ? 0.5 : 0.8);
    this.state.iteration = it + 1;
  }

  /** grad ← −Σ_j q_ij² (y_i − y_j) (Barnes–Hut over the tree); returns Z = Σ_ij q_ij. */
  private repulsion(): number {
    const { n, dims: D, grad, tree } = this;
    const { Y } = this.state;
    const theta2 = this.params.theta * this.params.theta;
    let Z = 0;
    const rep = new Float64Array(D);
    const stack = new Int32Array(64 * 8 + 8);
    const { half, com, count, child, start, end, perm } = tree;
    for (let i = 0; i < n; i++) {
      rep.fill(0);
      let sp = 0;
      stack[sp++] = 0;
      const yo = i * D;
      while (sp > 0) {
        const node = stack[--sp];
        const cnt = count[node];
        if (cnt === 0) continue;
        if (child[node] === -1) {
          for (let t = start[node]; t < end[node]; t++) {
            const j = perm[t];
            if (j === i) continue;
            let d2 = 0;
            for (let c = 0; c < D; c++) {
              const diff = Y[yo + c] - Y[j * D + c];
              d2 += diff * diff;
            }
            const q = 1 / (1 + d2);
            Z += q;
            const q2 = q * q;
            for (let c = 0; c < D; c++) rep[c] += q2 * (Y[yo + c] - Y[j * D + c]);
          }
          continue;
        }
        let d2 = 0;
        for (let c = 0; c < D; c++) {
          const diff = Y[yo + c] - com[node * D + c];
          d2 += diff * diff;
        }
        const w = 2 * half[node];
        if (w * w < theta2 * d2) {
          const q = 1 / (1 + d2);
          Z += cnt * q;
          const q2 = cnt * q * q;
          for (let c = 0; c < D; c++) rep[c] += q2 * (Y[yo + c] - com[node * D + c]);
        } else {
          const first = child[node];
          const fan = 1 << D;
          if (sp + fan > stack.length) throw new Error('t-SNE tree stack overflow');
          for (let b = 0; b < fan; b++) stack[sp++] = first + b;
        }
      }
      for (let c = 0; c < D; c++) grad[yo + c] = -rep[c];
    }
    return Z;
  }

  /** Attraction over the sparse P; grad ← 4 (exaggeration · attraction − repulsion / Z); the KL divergence when asked. */
  private attraction(Z: number, exaggeration: number, computeKl: boolean): void {
    const { n, dims: D, P, grad } = this;
    const { Y } = this.state;
    let klSum = 0;
    const invZ = 1 / Math.max(Z, 1e-300);
    for (let i = 0; i < n; i++) {
      const yo = i * D;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      for (let e = P.rowPtr[i]; e < P.rowPtr[i + 1]; e++) {
        const jo = P.cols[e] * D;
        const d0 = Y[yo] - Y[jo];
        const d1 = Y[yo + 1] - Y[jo + 1];
        const dz = D === 3 ? Y[yo + 2] - Y[jo + 2] : 0;
        const q = 1 / (1 + d0 * d0 + d1 * d1 + dz * dz);
        const pq = P.vals[e] * q;
        a0 += pq * d0;
        a1 += pq * d1;
        a2 += pq * dz;
        if (computeKl) klSum += P.vals[e] * Math.log(Math.max(P.vals[e], 1e-300) / Math.max(q, 1e-300));
      }
      grad[yo] = 4 * (exaggeration * a0 + grad[yo] * invZ);
      grad[yo + 1] = 4 * (exaggeration * a1 + grad[yo + 1] * invZ);
      if (D === 3) grad[yo + 2] = 4 * (exaggeration * a2 + grad[yo + 2] * invZ);
    }
    if (computeKl) this.kl = klSum + Math.log(Math.max(Z, 1e-300));
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
