/**
 * Shifted positive PMI from symmetric counts (Levy & Goldberg 2014; Levy,
 * Goldberg & Dagan 2015):
 *   PMI(w,c) = log( #(w,c) · Σ_c' #(c')^α / (#(w) · #(c)^α) ),  SPPMI = max(PMI − log k, 0).
 * α < 1 smooths the context distribution, which makes the matrix asymmetric,
 * so the result is a full (both triangles) CSR.
 */
import type { UpperCounts } from './count.js';
import type { Csr } from '../linalg/csr.js';
import { sharedFloat32, sharedFloat64, sharedUint32 } from '../linalg/shared.js';

/** #(w): row sums of the full symmetric matrix, where X_ii = 2·U_ii and X_ij = X_ji = U_ij. */
export function marginals(u: UpperCounts): Float64Array {
  const sums = new Float64Array(u.vocab);
  for (let i = 0; i < u.vocab; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      const v = u.vals[k];
      if (j === i) sums[i] += 2 * v;
      else {
        sums[i] += v;
        sums[j] += v;
      }
    }
  }
  return sums;
}

export interface PpmiOptions {
  /** Context-distribution smoothing exponent α (1: off). */
  cds: number;
  /** Shift k: subtract log k (1: plain PPMI). */
  shift: number;
}

export function sppmiMatrix(u: UpperCounts, o: PpmiOptions): Csr {
  const V = u.vocab;
  const sums = marginals(u);
  const ctx = new Float64Array(V);
  let z = 0;
  for (let c = 0; c < V; c++) {
    ctx[c] = Math.pow(sums[c], o.cds);
    z += ctx[c];
  }
  const logShift = Math.log(o.shift);
  // log(X·z/(#w·#c^α)) − log k = log X + (log z − log k) − log #w − log #c^α
  const logRow = Float64Array.from(sums, (s) => Math.log(s));
  const logCtx = Float64Array.from(ctx, (c) => Math.log(c));
  const base = Math.log(z) - logShift;
  const value = (x: number, w: number, c: number): number => Math.log(x) + base - logRow[w] - logCtx[c];

  const perRow = new Float64Array(V + 1);
  for (let i = 0; i < V; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      const v = u.vals[k];
      if (j === i) {
        if (value(2 * v, i, i) > 0) perRow[i + 1]++;
      } else {
        if (value(v, i, j) > 0) perRow[i + 1]++;
        if (value(v, j, i) > 0) perRow[j + 1]++;
      }
    }
  }
  for (let i = 0; i < V; i++) perRow[i + 1] += perRow[i];
  const rowPtr = sharedFloat64(V + 1);
  rowPtr.set(perRow);
  const n = rowPtr[V];
  const colIdx = sharedUint32(n);
  const vals = sharedFloat32(n);
  const cursor = perRow; // reused as the insertion point of each row
  const put = (r: number, c: number, x: number): void => {
    const at = cursor[r]++;
    colIdx[at] = c;
    vals[at] = x;
  };
  for (let i = 0; i < V; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      const v = u.vals[k];
      if (j === i) {
        const x = value(2 * v, i, i);
        if (x > 0) put(i, i, x);
      } else {
        const a = value(v, i, j);
        if (a > 0) put(i, j, a);
        const b = value(v, j, i);
        if (b > 0) put(j, i, b);
      }
    }
  }
  return { rows: V, cols: V, rowPtr, colIdx, vals };
}
