/**
 * The spectral M* model (Karkada et al. 2025): the top-d eigenvectors of
 *   M*_ij = (P_ij − P_i P_j) / (½ (P_ij + P_i P_j)),
 * scaled by √λ. Where P_ij = 0 the entry is exactly −2, so M* = S − 2·11ᵀ with
 * S sparse (S_ij = 4 P_ij / (P_ij + P_i P_j) where P_ij > 0): products with M*
 * need no dense V × V matrix.
 */
import { LinalgPool } from '../linalg/pool.js';
import { randomizedSymmetricEigen } from '../linalg/randomized.js';
import { frobeniusSquared, MSTAR_EIGEN, mstarOperator, mstarSparsePart } from '../cooc/mstar.js';
import { countInput, threadsOf } from './countInput.js';
import { normalizeRows, rankOf } from './factors.js';
import { stepProgress, windowOptions, defineMethod } from './spec.js';
import { withDefaults } from '../../shared/options.js';

export const spectralMstar = defineMethod({
  id: 'mstar',
  label: 'Spectral M* (QWEM)',
  summary: 'Top eigenvectors of M*, the closed form of the quartic SGNS approximation (Karkada et al.).',
  options: [
    { key: 'dim', label: 'Dimensions', help: 'Number of eigenvectors kept (d).', type: 'int', default: 100, min: 1, max: 2000 },
    ...withDefaults(windowOptions({ window: 5, weighting: 'dynamic' }), { maxVocab: 10000 }),
    { key: 'oversample', label: 'Oversampling', help: 'Extra directions in the subspace iteration; they also absorb the large negative eigenvalues of M*.', type: 'int', default: MSTAR_EIGEN.oversample, min: 2, max: 500, advanced: true },
    { key: 'powerIterations', label: 'Subspace iterations', help: 'More: more accurate eigenvectors, slower.', type: 'int', default: MSTAR_EIGEN.iterations, min: 1, max: 60, advanced: true },
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
          spilledBytes: input.spill.bytes,
        },
      };
    } finally {
      await pool.close();
    }
  },
});
