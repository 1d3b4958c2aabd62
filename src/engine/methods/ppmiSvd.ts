/**
 * PPMI-SVD (Levy & Goldberg 2014), with the hyperparameters of Levy, Goldberg &
 * Dagan 2015: context-distribution smoothing, shifted PPMI, eigenvalue weighting,
 * and optionally W + C. The SVD is randomized and truncated, on the sparse matrix.
 */
import { sppmiMatrix } from '../cooc/ppmi.js';
import { nnz, transpose } from '../linalg/csr.js';
import { LinalgPool } from '../linalg/pool.js';
import { csrOperator, randomizedSvd } from '../linalg/randomized.js';
import { countInput, threadsOf } from './countInput.js';
import { factorsToVectors, rankOf, svdOptions } from './factors.js';
import { stepProgress, windowOptions, defineMethod } from './spec.js';

export const ppmiSvd = defineMethod({
  id: 'ppmi-svd',
  label: 'PPMI-SVD',
  summary: 'Truncated SVD of the shifted positive PMI matrix (Levy & Goldberg).',
  options: [
    { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
    ...windowOptions({ window: 5, weighting: 'dynamic' }),
    { key: 'cds', label: 'Context smoothing α', help: 'Raise context counts to α before normalising (0.75 as word2vec; 1 turns it off).', type: 'number', default: 0.75, min: 0, max: 1 },
    { key: 'shift', label: 'Shift k', help: 'Subtract log k from PMI before clipping at 0 (k = 1: plain PPMI; k = 5 matches SGNS with 5 negatives).', type: 'number', default: 1, min: 1, max: 1000 },
    ...svdOptions,
  ],
  async train(ctx) {
    const p = ctx.params;
    // The counts are dropped once the matrix is built (they are cached in the store).
    const { M, input } = await (async () => {
      const { upper, ...input } = await countInput(ctx);
      const M = await ctx.phase('ppmi', () => {
        ctx.progress.phase('ppmi', 0, 'steps');
        return sppmiMatrix(upper, { cds: p.cds, shift: p.shift });
      });
      return { M, input };
    })();
    const V = M.rows;
    ctx.log(`SPPMI matrix: ${V} × ${V}, ${nnz(M).toLocaleString('en-US')} positive entries (${((100 * nnz(M)) / (V * V)).toFixed(3)}% dense)`);
    const pool = new LinalgPool(threadsOf(p));
    try {
      const svd = await ctx.phase('svd', () => {
        ctx.progress.phase('svd', 0, 'products');
        const Mt = transpose(M);
        return randomizedSvd(pool, csrOperator(pool, M, Mt), {
          rank: rankOf(p.dim, V, 'words of the vocabulary'), oversample: p.oversample, iterations: p.powerIterations,
          seed: p.seed, signal: ctx.signal, onStep: stepProgress(ctx, 'svd'),
        });
      });
      const vectors = factorsToVectors(svd.U, svd.V, svd.S, V, svd.rank, p, input.words, input.counts);
      return {
        vectors,
        series: { spectrum: Array.from(svd.S) },
        metrics: { nnz: nnz(M), density: nnz(M) / (V * V), cachedCounts: input.cached ? 1 : 0, topSingularValue: svd.S[0] },
      };
    } finally {
      await pool.close();
    }
  },
});
