/**
 * The RAND-WALK theory checks on a generated corpus (Arora et al. 2016):
 *  (a) the frequency law log p(w) ≈ ‖v_w‖²/2d − log Z: a linear fit (slope near 1,
 *      intercept near −log Z) and its R²;
 *  (b) PMI(w, w') ≈ ⟨v_w, v_w'⟩/d, with PMI from co-occurrence counts within a
 *      uniform window: Pearson correlation over every co-occurring pair among the
 *      most frequent words, and over the most co-occurring pairs (selecting pairs
 *      by count truncates the PMI range, so that one comes out lower);
 *  (c) the concentration of Z_c = Σ_w exp⟨c, v_w⟩ over random discourse vectors.
 * Everything a plot needs comes back: points (subsampled), fitted lines, bins.
 */
import { availableParallelism } from 'node:os';
import type { ProgressSink } from '../base/progress.js';
import { countCooccurrences, type UpperCounts } from '../cooc/count.js';
import { cutVocabulary, prepareStream } from '../corpus/trainingStream.js';
import { marginals } from '../cooc/ppmi.js';
import { linalgKernels } from '../kernels/registry.js';
import { Rng } from '../base/random.js';
import { Normals, randomUnit } from './sampler.js';
import { Cancelled } from '../base/errors.js';
import type { LinearFitInfo, RandWalkTheory } from '../../shared/contract.js';

/** Declared once in the contract, which carries them to the UI. */
export type LinearFit = LinearFitInfo;
export type Point = [number, number];
export type TheoryReport = RandWalkTheory;

export interface TheoryInput {
  tokens: Uint32Array;
  breaks: Uint32Array;
  /** Corpus counts in id order (ids are frequency ranks). */
  counts: Uint32Array;
  /** True vectors in corpus id order (counts.length × dim). */
  vectors: Float32Array;
  dim: number;
  /** Every true vector, including words that never occurred, for Z_c (default: vectors). */
  allVectors?: Float32Array;
}

export interface TheoryOptions {
  window: number;
  topWords: number;
  topPairs: number;
  zSamples: number;
  zBins: number;
  maxPoints: number;
  seed: number;
  threads: number;
}

export const defaultTheoryOptions: TheoryOptions = {
  window: 5, topWords: 300, topPairs: 2000, zSamples: 1000, zBins: 30, maxPoints: 2000, seed: 1, threads: 0,
};

/** Least-squares line y = a·x + b, R² and Pearson r. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n || 1;
  my /= n || 1;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx;
    const b = y[i] - my;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  const correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
  return { slope, intercept: my - slope * mx, r2: correlation * correlation, correlation, count: n };
}

function lineOver(fit: LinearFit, x: ArrayLike<number>): [Point, Point] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  if (!Number.isFinite(lo)) return [[0, fit.intercept], [0, fit.intercept]];
  return [[lo, fit.intercept + fit.slope * lo], [hi, fit.intercept + fit.slope * hi]];
}

/** At most `max` points, evenly spread over the list (deterministic). */
function subsample(x: ArrayLike<number>, y: ArrayLike<number>, max: number): Point[] {
  const n = x.length;
  const out: Point[] = [];
  const step = Math.max(1, n / max);
  for (let k = 0; k < Math.min(n, max); k++) {
    const i = Math.floor(k * step);
    out.push([x[i], y[i]]);
  }
  return out;
}

/** (a): log p(w) against ‖v_w‖²/2d over every word that occurred. */
export function frequencyLaw(counts: Uint32Array, vectors: Float32Array, dim: number): { fit: LinearFit; x: Float64Array; y: Float64Array } {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const x = new Float64Array(counts.length);
  const y = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    let s = 0;
    for (let t = 0; t < dim; t++) s += vectors[i * dim + t] ** 2;
    x[i] = s / (2 * dim);
    y[i] = Math.log(counts[i] / total);
  }
  return { fit: linearFit(x, y), x, y };
}

function dotOf(V: Float32Array, dim: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) s += V[i * dim + t] * V[j * dim + t];
  return s;
}

/** (b): PMI from the symmetric counts against ⟨v_w, v_w'⟩/d. */
export function pmiAgainstInnerProducts(
  upper: UpperCounts, vectors: Float32Array, dim: number, topWords: number, topPairs: number,
): { topWords: LinearFit & { words: number }; topPairs: LinearFit & { pairs: number }; x: Float64Array; y: Float64Array } {
  const sums = marginals(upper);
  let total = 0;
  for (let i = 0; i < sums.length; i++) total += sums[i];
  const logTotal = Math.log(total);
  const pmi = (i: number, j: number, x: number): number => Math.log(x) + logTotal - Math.log(sums[i]) - Math.log(sums[j]);
  const words = Math.min(topWords, upper.vocab);
  const xs: number[] = [];
  const ys: number[] = [];
  // The most co-occurring pairs: a min-heap of counts over the off-diagonal entries.
  const cap = Math.max(1, topPairs);
  const heapVal = new Float64Array(cap);
  const heapRow = new Uint32Array(cap);
  const heapCol = new Uint32Array(cap);
  let size = 0;
  const siftDown = (k: number): void => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < size && heapVal[l] < heapVal[m]) m = l;
      if (r < size && heapVal[r] < heapVal[m]) m = r;
      if (m === k) return;
      for (const a of [heapVal, heapRow, heapCol] as (Float64Array | Uint32Array)[]) {
        const t = a[k];
        a[k] = a[m];
        a[m] = t;
      }
      k = m;
    }
  };
  for (let i = 0; i < upper.vocab; i++) {
    for (let k = upper.rowPtr[i]; k < upper.rowPtr[i + 1]; k++) {
      const j = upper.cols[k];
      if (j === i) continue;
      const x = upper.vals[k];
      if (i < words && j < words) {
        xs.push(dotOf(vectors, dim, i, j) / dim);
        ys.push(pmi(i, j, x));
      }
      if (topPairs <= 0) continue;
      if (size < cap) {
        heapVal[size] = x;
        heapRow[size] = i;
        heapCol[size] = j;
        size++;
        if (size === cap) for (let h = (cap >> 1) - 1; h >= 0; h--) siftDown(h);
      } else if (x > heapVal[0]) {
        heapVal[0] = x;
        heapRow[0] = i;
        heapCol[0] = j;
        siftDown(0);
      }
    }
  }
  const px = new Float64Array(size);
  const py = new Float64Array(size);
  for (let h = 0; h < size; h++) {
    px[h] = dotOf(vectors, dim, heapRow[h], heapCol[h]) / dim;
    py[h] = pmi(heapRow[h], heapCol[h], heapVal[h]);
  }
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  return { topWords: { ...linearFit(x, y), words }, topPairs: { ...linearFit(px, py), pairs: size }, x, y };
}

/** (c): Z_c = Σ_w exp⟨c, v_w⟩ for `samples` discourse vectors uniform on the unit sphere. */
export function partitionSamples(vectors: Float32Array, n: number, dim: number, samples: number, seed: number): Float64Array {
  const normals = new Normals(new Rng(seed));
  const batch = 64;
  const C = new Float32Array(batch * dim);
  const out = new Float32Array(batch * n);
  const c = new Float64Array(dim);
  const Z = new Float64Array(samples);
  const { dotRows } = linalgKernels();
  for (let s0 = 0; s0 < samples; s0 += batch) {
    const m = Math.min(batch, samples - s0);
    for (let s = 0; s < m; s++) {
      randomUnit(normals, c);
      for (let t = 0; t < dim; t++) C[s * dim + t] = c[t];
    }
    dotRows(C, dim, 0, m, vectors, n, out);
    for (let s = 0; s < m; s++) {
      let z = 0;
      for (let i = 0; i < n; i++) z += Math.exp(out[s * n + i]);
      Z[s0 + s] = z;
    }
  }
  return Z;
}

export function histogram(values: Float64Array, bins: number): { lo: number; hi: number; count: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [];
  const width = hi > lo ? (hi - lo) / bins : 1;
  const out = Array.from({ length: bins }, (_, b) => ({ lo: lo + b * width, hi: lo + (b + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - lo) / width))].count++;
  return out;
}

/** All three checks. Counting co-occurrences is the long part; it reports progress and stops on a cancel. */
export async function theoryChecks(
  input: TheoryInput, options: Partial<TheoryOptions>, progress: ProgressSink, signal: AbortSignal,
): Promise<TheoryReport> {
  const o = { ...defaultTheoryOptions, ...options };
  const { counts, vectors, dim } = input;
  const V = counts.length;
  const freq = frequencyLaw(counts, vectors, dim);

  const all = input.allVectors ?? vectors;
  progress.phase('partition function', o.zSamples, 'samples');
  const Z = partitionSamples(all, all.length / dim, dim, o.zSamples, (o.seed ^ 0x5a17) >>> 0);
  progress.update(o.zSamples);
  let mean = 0;
  for (const z of Z) mean += z;
  mean /= Z.length || 1;
  let varSum = 0;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (const z of Z) {
    varSum += (z - mean) ** 2;
    zMin = Math.min(zMin, z);
    zMax = Math.max(zMax, z);
  }
  const std = Math.sqrt(varSum / Math.max(1, Z.length - 1));
  if (signal.aborted) throw new Cancelled();

  const cut = cutVocabulary(counts, 1, 0);
  const stream = prepareStream([input.tokens], input.breaks, counts, cut, 0, o.seed);
  const upper = await countCooccurrences(stream, V, { window: o.window, weighting: 'uniform' }, progress, signal, {
    threads: o.threads > 0 ? o.threads : availableParallelism(),
  });
  if (signal.aborted) throw new Cancelled(); // a cancel that came as counting started
  progress.phase('theory checks', 0, 'steps');
  const p = pmiAgainstInnerProducts(upper, vectors, dim, o.topWords, o.topPairs);
  return {
    tokens: input.tokens.length,
    words: V,
    dim,
    frequency: { ...freq.fit, logZ: Math.log(mean), points: subsample(freq.x, freq.y, o.maxPoints), line: lineOver(freq.fit, freq.x) },
    pmi: {
      window: o.window,
      weighting: 'uniform',
      topWords: p.topWords,
      topPairs: p.topPairs,
      points: subsample(p.x, p.y, o.maxPoints),
      line: lineOver(p.topWords, p.x),
    },
    partition: { samples: Z.length, mean, std, cv: std / mean, min: zMin, max: zMax, bins: histogram(Z, o.zBins) },
  };
}
