/**
 * PPMI-SVD cells that share work, trained through the method's own steps (methods/ppmiSvd.ts):
 * the last SPPMI matrix and the last SVD are kept while the runner goes through cells in plan
 * order, so a cell with the same matrix (counts, cds, shift) skips counting and the matrix, and a
 * cell with the same SVD (only d, eig, W + C or normalisation differ) only takes and rescales its
 * factors (the largest d of the SVD comes first, see plan.ts).
 * Each is stored as an ordinary run with its own parameters; its log says what it reused.
 */
import type { TruncatedSvd } from '../linalg/randomized.js';
import type { TrainContext, TrainResult } from '../methods/spec.js';
import { ppmiSvdResult, sppmiOf, svdOf, type PpmiSvdValues, type SppmiInput } from '../methods/ppmiSvd.js';
import { ppmiKeyOf, svdKeyOf } from './sharing.js';

interface Kept<T> {
  key: string;
  value: T;
  /** The run that computed it. */
  runId: number;
  seconds: number;
}

export class SharedPpmiSvd {
  private matrix: Kept<SppmiInput> | null = null;
  private svd: Kept<TruncatedSvd> | null = null;
  /** What the last cell reused, in words (null: nothing). */
  lastShared: string | null = null;

  /** The train function of one PPMI-SVD cell, run as run `runId` on `corpusId`. */
  trainer(corpusId: number, runId: number): (ctx: TrainContext) => Promise<TrainResult> {
    return (ctx) => this.train(ctx as unknown as TrainContext<PpmiSvdValues>, corpusId, runId);
  }

  /** Lets the kept matrix and factors go (between corpora, and at the end). */
  clear(): void {
    this.matrix = null;
    this.svd = null;
  }

  private async train(ctx: TrainContext<PpmiSvdValues>, corpusId: number, runId: number): Promise<TrainResult> {
    const p = ctx.params;
    const matrixKey = ppmiKeyOf(corpusId, 'ppmi-svd', p)!;
    const svdKey = svdKeyOf(corpusId, 'ppmi-svd', p)!;
    this.lastShared = null;
    if (this.svd?.key === svdKey && this.matrix?.key === matrixKey && this.svd.value.rank >= p.dim) {
      const { value: svd, runId: from, seconds } = this.svd;
      this.lastShared = `SVD of run ${from}`;
      const lead = svd.rank > p.dim ? `its leading ${p.dim} triplets of ` : '';
      ctx.log(`shared: the SPPMI matrix and ${lead}the rank-${svd.rank} SVD of run ${from} (${seconds.toFixed(2)} s there); this run only weights them (eig ${p.eig}, W + C ${p.addContexts}, normalise ${p.normalize})`);
      return ctx.phase('derive', () => ppmiSvdResult(leadingTriplets(svd, p.dim), this.matrix!.value, p));
    }
    this.svd = null; // the old factors go before the new ones are computed
    let sppmi: SppmiInput;
    if (this.matrix?.key === matrixKey) {
      sppmi = this.matrix.value;
      this.lastShared = `SPPMI matrix of run ${this.matrix.runId}`;
      ctx.log(`shared: the SPPMI matrix of run ${this.matrix.runId} (counts, cds ${p.cds} and shift ${p.shift} are the same; ${this.matrix.seconds.toFixed(2)} s there)`);
    } else {
      this.matrix = null;
      const t0 = performance.now();
      sppmi = await sppmiOf(ctx);
      this.matrix = { key: matrixKey, value: sppmi, runId, seconds: (performance.now() - t0) / 1000 };
      if (sppmi.input.cached) this.lastShared = 'counts from the count cache';
    }
    const t0 = performance.now();
    const svd = await svdOf(ctx, sppmi.M);
    this.svd = { key: svdKey, value: svd, runId, seconds: (performance.now() - t0) / 1000 };
    return ppmiSvdResult(svd, sppmi, p);
  }
}

/** The first k singular triplets of a truncated SVD (all of it when k is its rank). */
export function leadingTriplets(svd: TruncatedSvd, k: number): TruncatedSvd {
  if (k >= svd.rank) return svd;
  const take = (X: Float64Array): Float64Array => {
    const rows = X.length / svd.rank;
    const out = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) out.set(X.subarray(r * svd.rank, r * svd.rank + k), r * k);
    return out;
  };
  return { U: take(svd.U), S: svd.S.slice(0, k), V: take(svd.V), rank: k };
}
