/** GloVe's AdaGrad step (glove.c) over a range of co-occurrence entries: native (native/glove.c), or this JS reference; registry.ts chooses. */
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';

export interface GloveState {
  W: Float32Array;
  Wt: Float32Array;
  bias: Float32Array;
  biasT: Float32Array;
  gradsq: Float32Array;
  gradsqT: Float32Array;
  gbias: Float32Array;
  gbiasT: Float32Array;
  dim: number;
}

export interface GloveEntries {
  rows: Uint32Array;
  cols: Uint32Array;
  vals: Float32Array;
}

/**
 * Everything one call takes, in one object of flat typed arrays and numbers
 * (native/binding.c reads it by these names): built once per thread, which only
 * moves [from, to) from call to call.
 */
export interface GloveArgs extends GloveState, GloveEntries {
  /** The entries of this call: [from, to). */
  from: number;
  to: number;
  xMax: number;
  alpha: number;
  eta: number;
}

export interface GloveKernel {
  name: Backend;
  /** Returns the summed cost ½ f(X)(wᵀw̃ + b + b̃ − log X)² of the entries [from, to). */
  train(a: GloveArgs): number;
}

function trainJs(a: GloveArgs): number {
  const { W, Wt, bias, biasT, gradsq, gradsqT, gbias, gbiasT, dim, rows, cols, vals, xMax, alpha, eta } = a;
  let cost = 0;
  for (let k = a.from; k < a.to; k++) {
    const i = rows[k];
    const j = cols[k];
    const x = vals[k];
    const oi = i * dim;
    const oj = j * dim;
    let diff = bias[i] + biasT[j] - Math.log(x);
    for (let t = 0; t < dim; t++) diff += W[oi + t] * Wt[oj + t];
    let fdiff = x > xMax ? diff : Math.pow(x / xMax, alpha) * diff;
    if (!Number.isFinite(diff) || !Number.isFinite(fdiff)) continue;
    cost += 0.5 * fdiff * diff;
    fdiff *= eta;
    for (let t = 0; t < dim; t++) {
      const t1 = fdiff * Wt[oj + t];
      const t2 = fdiff * W[oi + t];
      W[oi + t] -= t1 / Math.sqrt(gradsq[oi + t]);
      Wt[oj + t] -= t2 / Math.sqrt(gradsqT[oj + t]);
      gradsq[oi + t] += t1 * t1;
      gradsqT[oj + t] += t2 * t2;
    }
    bias[i] -= fdiff / Math.sqrt(gbias[i]);
    biasT[j] -= fdiff / Math.sqrt(gbiasT[j]);
    gbias[i] += fdiff * fdiff;
    gbiasT[j] += fdiff * fdiff;
  }
  return cost;
}

export const jsGlove: GloveKernel = { name: 'js', train: trainJs };

/** The native kernel, or null where it was not built. */
export function nativeGlove(): GloveKernel | null {
  const f = nativeFunctions<{ gloveTrain: (a: GloveArgs) => number }>(['gloveTrain'])?.gloveTrain;
  return f ? { name: 'native', train: f } : null;
}
