/**
 * PPMI-SVD (Levy & Goldberg 2014), with the hyperparameters of Levy, Goldberg &
 * Dagan 2015: context-distribution smoothing, shifted PPMI, eigenvalue weighting,
 * and optionally W + C. The SVD is randomized and truncated, on the sparse matrix.
 *
 * The steps are exported one by one so that an experiment can share them: one SPPMI
 * matrix per (counts, cds, shift), one SVD per (matrix, d, SVD options), from which
 * every eigenvalue weighting and W + C variant is only a rescaling (ppmiSvdResult).
 */
import type { Csr } from '../linalg/csr.js';
import { sppmiMatrix } from '../cooc/ppmi.js';
import { nnz, transpose } from '../linalg/csr.js';
import { LinalgPool } from '../linalg/pool.js';
import { csrOperator, randomizedSvd, type TruncatedSvd } from '../linalg/randomized.js';
import { countInput, threadsOf, type CountInput } from './countInput.js';
import { factorsToVectors, rankOf, svdOptions } from './factors.js';
import { stepProgress, windowOptions, defineMethod, type TrainContext, type TrainResult } from './spec.js';
import type { OptionValues } from '../../shared/options.js';

const ppmiSvdOptions = [
  { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
  ...windowOptions({ window: 5, weighting: 'dynamic' }),
  { key: 'cds', label: 'Context smoothing α', help: 'Raise context counts to α before normalising (0.75 as word2vec; 1 turns it off).', type: 'number', default: 0.75, min: 0, max: 1 },
  { key: 'shift', label: 'Shift k', help: 'Subtract log k from PMI before clipping at 0 (k = 1: plain PPMI; k = 5 matches SGNS with 5 negatives).', type: 'number', default: 1, min: 1, max: 1000 },
  ...svdOptions,
] as const;

export type PpmiSvdValues = OptionValues<typeof ppmiSvdOptions>;

/** The SPPMI matrix of a run's counts, and the vocabulary it is over. */
export interface SppmiInput {
  M: Csr;
  input: Omit<CountInput, 'upper'>;
}

/** Counting (or the count cache) and the SPPMI matrix; the counts are dropped once the matrix is built. */
export async function sppmiOf(ctx: TrainContext<PpmiSvdValues>): Promise<SppmiInput> {
  const p = ctx.params;
  const { upper, ...input } = await countInput(ctx);
  const M = await ctx.phase('ppmi', () => {
    ctx.progress.phase('ppmi', 0, 'steps');
    return sppmiMatrix(upper, { cds: p.cds, shift: p.shift });
  });
  const V = M.rows;
  ctx.log(`SPPMI matrix: ${V} × ${V}, ${nnz(M).toLocaleString('en-US')} positive entries (${((100 * nnz(M)) / (V * V)).toFixed(3)}% dense)`);
  return { M, input };
}

/** The truncated randomized SVD of an SPPMI matrix, with the run's d and SVD options. */
export async function svdOf(ctx: TrainContext<PpmiSvdValues>, M: Csr): Promise<TruncatedSvd> {
  const p = ctx.params;
  const pool = new LinalgPool(threadsOf(p));
  try {
    return await ctx.phase('svd', () => {
      ctx.progress.phase('svd', 0, 'products');
      const Mt = transpose(M);
      return randomizedSvd(pool, csrOperator(pool, M, Mt), {
        rank: rankOf(p.dim, M.rows, 'words of the vocabulary'), oversample: p.oversample, iterations: p.powerIterations,
        seed: p.seed, signal: ctx.signal, onStep: stepProgress(ctx, 'svd'),
      });
    });
  } finally {
    await pool.close();
  }
}

/** A run's result from a factorisation: W = U·Σ^p (+ V·Σ^p), its spectrum and figures. */
export function ppmiSvdResult(svd: TruncatedSvd, sppmi: SppmiInput, p: PpmiSvdValues): TrainResult {
  const { M, input } = sppmi;
  const V = M.rows;
  return {
    vectors: factorsToVectors(svd.U, svd.V, svd.S, V, svd.rank, p, input.words, input.counts),
    series: { spectrum: Array.from(svd.S) },
    metrics: { nnz: nnz(M), density: nnz(M) / (V * V), cachedCounts: input.cached ? 1 : 0, spilledBytes: input.spill.bytes, topSingularValue: svd.S[0] },
  };
}

export const ppmiSvd = defineMethod({
  id: 'ppmi-svd',
  label: 'PPMI-SVD',
  summary: 'Truncated SVD of the shifted positive PMI matrix (Levy & Goldberg).',
  options: ppmiSvdOptions,
  async train(ctx) {
    const sppmi = await sppmiOf(ctx);
    const svd = await svdOf(ctx, sppmi.M);
    return ppmiSvdResult(svd, sppmi, ctx.params);
  },
});
