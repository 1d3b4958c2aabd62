/**
 * k-means in the original space (Euclidean on the rows given: for unit vectors,
 * the same ranking as cosine), seeded k-means++ initialisation, then Lloyd's
 * iterations until no label changes. Distances come from one product of the
 * rows with the centroids per iteration (dotRows): ‖x − c‖² = ‖x‖² + ‖c‖² − 2x·c.
 */
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import { Rng } from '../base/random.js';
import { Cancelled } from '../base/errors.js';

export interface KmeansResult {
  labels: Int32Array;
  centroids: Float32Array;
  sizes: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface KmeansHooks {
  onIteration?(iteration: number, changed: number): void;
  signal?: AbortSignal;
  pause?: () => Promise<void> | null;
}

const CHUNK = 8192;

/** The points, their squared norms, and the centroids with theirs. */
interface Space {
  X: Float32Array;
  n: number;
  d: number;
  k: number;
  norms: Float64Array;
  C: Float32Array;
  cn: Float64Array;
  kernels: LinalgKernels;
}

export async function kmeans(X: Float32Array, n: number, d: number, k: number, seed: number, maxIterations: number, kernels: LinalgKernels, hooks: KmeansHooks = {}): Promise<KmeansResult> {
  if (k > n) throw new RangeError(`k = ${k} is more than the ${n} points`);
  const check = async (): Promise<void> => {
    const p = hooks.pause?.();
    if (p) await p;
    if (hooks.signal?.aborted) throw new Cancelled();
  };
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += X[i * d + t] ** 2;
    norms[i] = s;
  }
  const space: Space = { X, n, d, k, norms, C: new Float32Array(k * d), cn: new Float64Array(k), kernels };
  await seedCentres(space, new Rng(seed), check);

  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  let inertia = 0;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    const step = assign(space, labels, dist);
    inertia = step.inertia;
    hooks.onIteration?.(it, step.changed);
    if (step.changed === 0) {
      converged = true;
      break;
    }
    moveCentres(space, labels, dist);
    await check();
  }
  const finalSizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) finalSizes[labels[i]]++;
  return { labels, centroids: space.C, sizes: finalSizes, inertia, iterations, converged };
}

/** k-means++: each next centre drawn with probability ∝ squared distance to the nearest centre so far. */
async function seedCentres(s: Space, rng: Rng, check: () => Promise<void>): Promise<void> {
  const { X, n, d, k, norms, C, cn, kernels } = s;
  const nearest = new Float64Array(n).fill(Infinity);
  const dots = new Float32Array(Math.min(n, CHUNK));
  let pick = Math.floor(rng.next() * n);
  for (let c = 0; c < k; c++) {
    C.set(X.subarray(pick * d, (pick + 1) * d), c * d);
    cn[c] = norms[pick];
    let total = 0;
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      kernels.dotRows(X, d, from, to, C.subarray(c * d, (c + 1) * d), 1, dots);
      for (let i = from; i < to; i++) {
        const dist = Math.max(0, norms[i] + cn[c] - 2 * dots[i - from]);
        if (dist < nearest[i]) nearest[i] = dist;
        total += nearest[i];
      }
    }
    await check();
    if (c + 1 === k) break;
    if (total > 0) {
      let u = rng.next() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) {
        u -= nearest[i];
        if (u < 0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = (pick + 1) % n; // every point sits on a centre: any other point
    }
  }
}

/** Lloyd's assignment step: each point to its nearest centre; returns how many labels changed and the inertia. */
function assign(s: Space, labels: Int32Array, dist: Float64Array): { changed: number; inertia: number } {
  const { X, n, d, k, norms, C, cn, kernels } = s;
  const S = new Float32Array(Math.min(n, CHUNK) * k);
  let changed = 0;
  let inertia = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    kernels.dotRows(X, d, from, to, C, k, S);
    for (let i = from; i < to; i++) {
      const o = (i - from) * k;
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const v = cn[c] - 2 * S[o + c];
        if (v < bestD) {
          bestD = v;
          best = c;
        }
      }
      if (labels[i] !== best) changed++;
      labels[i] = best;
      dist[i] = Math.max(0, norms[i] + bestD);
      inertia += dist[i];
    }
  }
  return { changed, inertia };
}

/** Lloyd's update step: centroids become their points' means; an empty cluster takes the point farthest from its centre. */
function moveCentres(s: Space, labels: Int32Array, dist: Float64Array): void {
  const { X, n, d, k, C, cn } = s;
  const sums = new Float64Array(k * d);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    sizes[c]++;
    const o = c * d;
    for (let t = 0; t < d; t++) sums[o + t] += X[i * d + t];
  }
  for (let c = 0; c < k; c++) {
    if (sizes[c] !== 0) continue;
    let far = 0;
    for (let i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
    const old = labels[far];
    sizes[old]--;
    for (let t = 0; t < d; t++) sums[old * d + t] -= X[far * d + t];
    labels[far] = c;
    dist[far] = 0;
    sizes[c] = 1;
    for (let t = 0; t < d; t++) sums[c * d + t] = X[far * d + t];
  }
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const v = sums[c * d + t] / sizes[c];
      C[c * d + t] = v;
      sq += v * v;
    }
    cn[c] = sq;
  }
}
