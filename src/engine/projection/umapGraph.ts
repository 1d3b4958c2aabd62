/**
 * UMAP's fuzzy neighbour graph and its edge schedule, from our exact kNN. The arithmetic
 * is umap-js 1.4's (smoothKNNDistance, computeMembershipStrengths, the fuzzy union
 * S + Sᵀ − S∘Sᵀ, the cut below max/nEpochs, makeEpochsPerSample), done on typed arrays
 * row by row, with progress and cancel: umap-js builds the graph in sparse matrices keyed
 * by strings, which took 24 s for 20k points with no word of progress, so the Projector's
 * bar stood still. The edges, their weights and their order (by row, then column) are the
 * ones umap-js makes, so a seed gives the layout it gave before.
 */
import type { Knn } from './knn.js';
import { Cancelled } from '../base/errors.js';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
/** Rows between progress reports and pauses. */
const ROWS_PER_REPORT = 2048;

/** What umap-js's optimiser takes: edge i pulls `head[i]` toward `tail[i]` every `epochsPerSample[i]` epochs. */
export interface UmapEdges {
  head: number[];
  tail: number[];
  epochsPerSample: number[];
}

export interface GraphHooks {
  /** Rows of the graph done, of n. */
  onRows?(done: number): void;
  signal?: AbortSignal;
  pause?: () => Promise<void> | null;
}

/**
 * Each point's neighbour row as umap-js is handed it: the point itself first at distance 0,
 * then its nn − 1 nearest, nearest first.
 */
function rowOf(knn: Knn, i: number, nn: number, idx: Int32Array, dist: Float64Array): void {
  idx[0] = i;
  dist[0] = 0;
  for (let j = 1; j < nn; j++) {
    idx[j] = knn.indices[i * knn.k + j - 1];
    dist[j] = Math.sqrt(knn.dist2[i * knn.k + j - 1]);
  }
}

/** umap-js's smoothKNNDistance for one row (local connectivity 1, 64 bisection steps): rho and sigma. */
function smoothRow(dist: Float64Array, nn: number, meanAll: () => number): { rho: number; sigma: number } {
  const target = Math.log(nn) / Math.log(2);
  let rho = 0;
  for (let j = 0; j < nn; j++) {
    if (dist[j] > 0) {
      rho = dist[j];
      break;
    }
  }
  let lo = 0;
  let hi = Infinity;
  let mid = 1;
  for (let it = 0; it < 64; it++) {
    let psum = 0;
    for (let j = 1; j < nn; j++) {
      const d = dist[j] - rho;
      psum += d > 0 ? Math.exp(-(d / mid)) : 1;
    }
    if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
    if (psum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
  }
  const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowMean(dist, nn) : meanAll());
  return { rho, sigma: mid < floor ? floor : mid };
}

/** utils.mean's order of summation: left to right from the first element. */
function rowMean(dist: Float64Array, nn: number): number {
  let s = dist[0];
  for (let j = 1; j < nn; j++) s += dist[j];
  return s / nn;
}

/** The membership strengths: S as rows of (column, value), nn per row, in neighbour order. */
async function memberships(knn: Knn, n: number, nn: number, hooks: GraphHooks): Promise<{ cols: Int32Array; vals: Float64Array }> {
  const cols = new Int32Array(n * nn);
  const vals = new Float64Array(n * nn);
  const idx = new Int32Array(nn);
  const dist = new Float64Array(nn);
  let meanAll: number | null = null;
  const meanOfAll = (): number => (meanAll ??= meanOfRowMeans(knn, n, nn));
  for (let i = 0; i < n; i++) {
    rowOf(knn, i, nn, idx, dist);
    const { rho, sigma } = smoothRow(dist, nn, meanOfAll);
    for (let j = 0; j < nn; j++) {
      const o = i * nn + j;
      cols[o] = idx[j];
      vals[o] = idx[j] === i ? 0 : dist[j] - rho <= 0 ? 1 : Math.exp(-((dist[j] - rho) / sigma));
    }
    if ((i + 1) % ROWS_PER_REPORT === 0) await report(i + 1, hooks);
  }
  return { cols, vals };
}

function meanOfRowMeans(knn: Knn, n: number, nn: number): number {
  const idx = new Int32Array(nn);
  const dist = new Float64Array(nn);
  let s = 0;
  for (let i = 0; i < n; i++) {
    rowOf(knn, i, nn, idx, dist);
    s = i === 0 ? rowMean(dist, nn) : s + rowMean(dist, nn);
  }
  return s / n;
}

async function report(done: number, hooks: GraphHooks): Promise<void> {
  hooks.onRows?.(done);
  const wait = hooks.pause?.();
  if (wait) await wait;
  if (hooks.signal?.aborted) throw new Cancelled();
}

/** Row r's entries (column, value) sorted by column, from rows of `width` entries (S) or from a transposed CSR (Sᵀ). */
function sortedRow(cols: Int32Array, vals: Float64Array, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let o = from; o < to; o++) out.push([cols[o], vals[o]]);
  return out.sort((a, b) => a[0] - b[0]);
}

/** Sᵀ as CSR: for each row r, the (column c, S[c][r]) entries. */
function transpose(cols: Int32Array, vals: Float64Array, n: number, nn: number): { start: Int32Array; cols: Int32Array; vals: Float64Array } {
  const start = new Int32Array(n + 1);
  for (let o = 0; o < cols.length; o++) start[cols[o] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  const fill = start.slice(0, n);
  const tCols = new Int32Array(cols.length);
  const tVals = new Float64Array(cols.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nn; j++) {
      const o = i * nn + j;
      const at = fill[cols[o]]++;
      tCols[at] = i;
      tVals[at] = vals[o];
    }
  }
  return { start, cols: tCols, vals: tVals };
}

/** The fuzzy union, entry by entry as umap-js computes it: ((s + t) − s·t)·1 + s·t·0, by row, then column. */
function fuzzyUnion(S: { cols: Int32Array; vals: Float64Array }, n: number, nn: number): { rows: Int32Array; cols: Int32Array; vals: Float64Array } {
  const T = transpose(S.cols, S.vals, n, nn);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < n; r++) {
    const a = sortedRow(S.cols, S.vals, r * nn, (r + 1) * nn);
    const b = sortedRow(T.cols, T.vals, T.start[r], T.start[r + 1]);
    for (let x = 0, y = 0; x < a.length || y < b.length; ) {
      const c = Math.min(x < a.length ? a[x][0] : Infinity, y < b.length ? b[y][0] : Infinity);
      const s = x < a.length && a[x][0] === c ? a[x++][1] : 0;
      const t = y < b.length && b[y][0] === c ? b[y++][1] : 0;
      rows.push(r);
      cols.push(c);
      vals.push((s + t - s * t) * 1.0 + s * t * 0.0);
    }
  }
  return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), vals: Float64Array.from(vals) };
}

/** The graph's edges that survive umap-js's cut (weight below max/nEpochs), with their sampling schedule. */
export async function umapEdges(knn: Knn, n: number, nn: number, nEpochs: number, hooks: GraphHooks = {}): Promise<UmapEdges> {
  const S = await memberships(knn, n, nn, hooks);
  const g = fuzzyUnion(S, n, nn);
  let graphMax = 0;
  for (const v of g.vals) if (graphMax < v) graphMax = v;
  const head: number[] = [];
  const tail: number[] = [];
  const weights: number[] = [];
  for (let e = 0; e < g.vals.length; e++) {
    const v = g.vals[e] < graphMax / nEpochs ? 0 : g.vals[e];
    if (!v) continue;
    weights.push(v);
    tail.push(g.rows[e]);
    head.push(g.cols[e]);
  }
  let max = 0;
  for (const w of weights) max = w > max ? w : max;
  const epochsPerSample = weights.map((w) => {
    const samples = (w / max) * nEpochs;
    return samples > 0 ? nEpochs / samples : -1;
  });
  await report(n, hooks);
  return { head, tail, epochsPerSample };
}
