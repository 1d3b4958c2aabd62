/**
 * One projection from points to coordinates, whatever the method. PCA and custom
 * axes are direct (well under a second for 50k × 300); UMAP and t-SNE run in a
 * job's thread with progress and cancel, on an exact kNN graph.
 */
import type { ProjectionAxisInfo, ProjectionSpec } from '../../shared/contract.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { pca } from './pca.js';
import { axisDirections, projectOnAxes, type VectorLookup } from './axes.js';
import { exactKnn, type Knn } from './knn.js';
import { umapLayout } from './umap.js';
import { Tsne, type TsneState } from './tsne.js';
import { yielder } from './rows.js';

export interface Points {
  words: string[];
  counts: number[];
  /** Each point's row in the run's vocabulary. */
  indices: Int32Array;
  /** Unit rows of the top N words, row-major n × d. */
  X: Float32Array;
  n: number;
  d: number;
}

export interface ComputedProjection {
  status: 'done' | 'paused';
  coords: Float64Array;
  explainedVariance?: number[];
  axes?: ProjectionAxisInfo[];
  info: Record<string, number | string>;
  /** A paused t-SNE's optimiser state, to resume from. */
  tsneState?: TsneState;
}

/** Above this many multiply-adds (n² · d), the kNN search runs in a 64-dimensional PCA subspace. */
const KNN_FULL_BUDGET = 20_000 * 20_000 * 300;
const KNN_REDUCED_DIMS = 64;

export function projectDirect(points: Points, spec: ProjectionSpec, kernels: LinalgKernels, lookup: VectorLookup): ComputedProjection {
  const { X, n, d } = points;
  if (spec.method === 'pca') {
    const r = pca(X, n, d, spec.dims, kernels, spec.seed);
    const explainedVariance = Array.from(r.variances, (v) => (r.totalVariance > 0 ? v / r.totalVariance : 0));
    return { status: 'done', coords: padColumns(r.coords, n, r.variances.length, spec.dims), explainedVariance, info: { centred: 'yes', totalVariance: r.totalVariance } };
  }
  if (spec.method === 'axes') {
    const { directions, info } = axisDirections(lookup, spec.params.axes, spec.params.orthogonalize);
    let cosXY = 0;
    for (let t = 0; t < d; t++) cosXY += directions[0][t] * directions[1][t];
    return { status: 'done', coords: projectOnAxes(X, n, d, directions), axes: info, info: { orthogonalized: spec.params.orthogonalize ? 'yes' : 'no', cosineXY: cosXY } };
  }
  throw new Error(`${spec.method} runs as a job`);
}

/** Fewer components than asked (d < dims): the missing columns are zero. */
function padColumns(coords: Float64Array, n: number, have: number, want: number): Float64Array {
  if (have === want) return coords;
  const out = new Float64Array(n * want);
  for (let i = 0; i < n; i++) for (let c = 0; c < have; c++) out[i * want + c] = coords[i * have + c];
  return out;
}

export async function projectJob(
  points: Points, spec: ProjectionSpec, kernels: LinalgKernels, progress: ProgressSink, signal: AbortSignal, resume?: TsneState,
): Promise<ComputedProjection> {
  if (spec.method !== 'umap' && spec.method !== 'tsne') throw new Error(`${spec.method} is not a job`);
  const { X, n, d } = points;
  const pause = yielder();
  const dims = spec.dims;
  progress.phase('PCA', 0, '');
  const reduce = n * n * d > KNN_FULL_BUDGET && d > KNN_REDUCED_DIMS;
  const p = pca(X, n, d, reduce ? KNN_REDUCED_DIMS : dims, kernels, spec.seed);
  const width = p.variances.length;
  const init = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) for (let c = 0; c < Math.min(dims, width); c++) init[i * dims + c] = p.coords[i * width + c];
  if (signal.aborted) throw new Cancelled();

  const k = spec.method === 'umap' ? spec.params.nNeighbors : Math.min(n - 1, Math.ceil(3 * spec.params.perplexity));
  let space: Float32Array = X;
  let spaceDim = d;
  const info: Record<string, number | string> = {};
  if (reduce) {
    space = Float32Array.from(p.coords);
    spaceDim = width;
    let kept = 0;
    for (const v of p.variances) kept += v;
    info.neighbourSpace = `PCA-${width}`;
    info.neighbourSpaceVariance = p.totalVariance > 0 ? kept / p.totalVariance : 1;
  } else {
    info.neighbourSpace = 'original';
  }
  info.neighbours = k;
  let knn: Knn | null = null;
  if (!(spec.method === 'tsne' && resume && resume.iteration >= spec.params.iterations)) {
    progress.phase('nearest neighbours', n, 'rows');
    knn = await exactKnn(space, n, spaceDim, k, kernels, { onRows: (done) => progress.update(done), signal, pause });
  }

  if (spec.method === 'umap') {
    progress.phase('neighbour graph', n, 'rows');
    let total = 0;
    const { coords, epochs } = await umapLayout(knn!, n, dims, { ...spec.params, seed: spec.seed }, init, {
      onGraphRows: (done) => progress.update(done),
      onEpochs: (t) => {
        total = t;
        progress.phase('UMAP', t, 'epochs');
      },
      onEpoch: (e) => progress.update(e, { epochs: total }),
      signal,
      pause,
    });
    return { status: 'done', coords, info: { ...info, epochs, init: 'PCA' } };
  }

  const tsne = new Tsne(knn!, n, dims, { ...spec.params, seed: spec.seed }, init, resume);
  progress.phase('t-SNE', spec.params.iterations, 'iterations');
  progress.update(tsne.state.iteration);
  let paused = false;
  while (!tsne.done) {
    tsne.step();
    progress.update(tsne.state.iteration, Number.isFinite(tsne.kl) ? { kl: tsne.kl } : undefined);
    const wait = pause();
    if (wait) await wait;
    if (signal.aborted) {
      paused = true;
      break;
    }
  }
  const st = tsne.state;
  return {
    status: paused ? 'paused' : 'done',
    coords: st.Y.slice(),
    info: { ...info, iterations: st.iteration, of: spec.params.iterations, klDivergence: tsne.kl, exaggerationIterations: tsne.exaggerationIterations, init: 'PCA' },
    tsneState: paused ? st : undefined,
  };
}
