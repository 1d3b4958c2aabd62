/**
 * The spectral M* model (Karkada et al. 2025): the top-d eigenvectors of
 *   M*_ij = (P_ij − P_i P_j) / (½ (P_ij + P_i P_j)),
 * scaled by √λ. Where P_ij = 0 the entry is exactly −2, so M* = S − 2·11ᵀ with
 * S sparse (S_ij = 4 P_ij / (P_ij + P_i P_j) where P_ij > 0): products with M*
 * need no dense V × V matrix.
 */
import { marginals } from '../cooc/ppmi.js';
import type { UpperCounts } from '../cooc/count.js';
import { nnz, type Csr } from '../linalg/csr.js';
import { LinalgPool } from '../linalg/pool.js';
import { sharedFloat32, sharedFloat64, sharedUint32 } from '../linalg/shared.js';
import { randomizedSymmetricEigen, type LinearOperator } from '../linalg/randomized.js';
import { countInput, threadsOf } from './countInput.js';
import { normalizeRows, rankOf } from './factors.js';
import { stepProgress, windowOptions, defineMethod } from './spec.js';
import { withDefaults } from '../../shared/options.js';

/** The sparse part S of M*, both triangles. */
export function mstarSparsePart(u: UpperCounts): Csr {
  const V = u.vocab;
  const sums = marginals(u);
  let D = 0;
  for (const s of sums) D += s;
  const perRow = new Float64Array(V + 1);
  for (let i = 0; i < V; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      perRow[i + 1]++;
      if (u.cols[k] !== i) perRow[u.cols[k] + 1]++;
    }
  }
  for (let i = 0; i < V; i++) perRow[i + 1] += perRow[i];
  const rowPtr = sharedFloat64(V + 1);
  rowPtr.set(perRow);
  const colIdx = sharedUint32(rowPtr[V]);
  const vals = sharedFloat32(rowPtr[V]);
  const cursor = perRow;
  for (let i = 0; i < V; i++) {
    const pi = sums[i] / D;
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      const pij = (j === i ? 2 * u.vals[k] : u.vals[k]) / D;
      const pp = pi * (sums[j] / D);
      const s = (4 * pij) / (pij + pp);
      let at = cursor[i]++;
      colIdx[at] = j;
      vals[at] = s;
      if (j !== i) {
        at = cursor[j]++;
        colIdx[at] = i;
        vals[at] = s;
      }
    }
  }
  return { rows: V, cols: V, rowPtr, colIdx, vals };
}

/** Y = (S − 2·11ᵀ) X. */
export function mstarOperator(pool: LinalgPool, S: Csr): LinearOperator {
  const apply = async (X: Float64Array, Y: Float64Array, w: number): Promise<void> => {
    await pool.spmm(S, X, Y, w);
    const colSums = new Float64Array(w);
    for (let r = 0; r < S.rows; r++) for (let c = 0; c < w; c++) colSums[c] += X[r * w + c];
    for (let r = 0; r < S.rows; r++) for (let c = 0; c < w; c++) Y[r * w + c] -= 2 * colSums[c];
  };
  return { rows: S.rows, cols: S.cols, apply, applyT: apply };
}

/** ‖M*‖²_F: the stored entries (S_ij − 2)² plus 4 for every absent pair. */
function frobeniusSquared(S: Csr): number {
  let sum = 0;
  for (let k = 0; k < nnz(S); k++) sum += (S.vals[k] - 2) ** 2;
  return sum + 4 * (S.rows * S.cols - nnz(S));
}

export const spectralMstar = defineMethod({
  id: 'mstar',
  label: 'Spectral M* (QWEM)',
  summary: 'Top eigenvectors of M*, the closed form of the quartic SGNS approximation (Karkada et al.).',
  options: [
    { key: 'dim', label: 'Dimensions', help: 'Number of eigenvectors kept (d).', type: 'int', default: 100, min: 1, max: 2000 },
    ...withDefaults(windowOptions({ window: 5, weighting: 'dynamic' }), { maxVocab: 10000 }),
    { key: 'oversample', label: 'Oversampling', help: 'Extra directions in the subspace iteration; they also absorb the large negative eigenvalues of M*.', type: 'int', default: 30, min: 2, max: 500, advanced: true },
    { key: 'powerIterations', label: 'Subspace iterations', help: 'More: more accurate eigenvectors, slower.', type: 'int', default: 8, min: 1, max: 60, advanced: true },
    { key: 'normalize', label: 'Normalise rows', help: 'Scale every word vector to unit length before storing.', type: 'boolean', default: false },
  ],
  async train(ctx) {
    const p = ctx.params;
    const { S, input } = await (async () => {
      const { upper, ...input } = await countInput(ctx);
      const S = await ctx.phase('m*', () => {
        ctx.progress.phase('m*', 0, 'steps');
        return mstarSparsePart(upper);
      });
      return { S, input };
    })();
    const V = S.rows;
    const pool = new LinalgPool(threadsOf(p));
    try {
      const eig = await ctx.phase('eigen', () =>
        randomizedSymmetricEigen(pool, mstarOperator(pool, S), {
          rank: rankOf(p.dim, V, 'words of the vocabulary'), oversample: p.oversample, iterations: p.powerIterations,
          seed: p.seed, signal: ctx.signal, onStep: stepProgress(ctx, 'eigen'),
        }),
      );
      const d = eig.values.length;
      const W = new Float32Array(V * d);
      for (let i = 0; i < V; i++) for (let j = 0; j < d; j++) W[i * d + j] = eig.vectors[i * d + j] * Math.sqrt(Math.max(eig.values[j], 0));
      if (p.normalize) normalizeRows(W, d);
      const ritz = Array.from(eig.ritzValues);
      const negatives = ritz.filter((x) => x < 0);
      const fro = frobeniusSquared(S);
      const positiveKept = Array.from(eig.values).filter((x) => x > 0).length;
      ctx.log(`M*: ${negatives.length} of ${ritz.length} computed eigenvalues are negative, holding ${((100 * negatives.reduce((s, x) => s + x * x, 0)) / fro).toFixed(1)}% of ‖M*‖²`);
      if (positiveKept < d) ctx.log(`M*: only ${positiveKept} of the ${d} kept eigenvalues are positive; the rest give zero vectors.`);
      return {
        vectors: { words: input.words, counts: input.counts, dim: d, W },
        series: { eigenvalues: Array.from(eig.values), ritzValues: ritz },
        metrics: {
          negativeEigenvalues: negatives.length,
          computedEigenvalues: ritz.length,
          negativeEnergyFraction: negatives.reduce((s, x) => s + x * x, 0) / fro,
          keptEnergyFraction: Array.from(eig.values).reduce((s, x) => s + x * x, 0) / fro,
          positiveKept,
          cachedCounts: input.cached ? 1 : 0,
        },
      };
    } finally {
      await pool.close();
    }
  },
});
