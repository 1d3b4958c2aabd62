/**
 * M*_ij = (P_ij − P_i P_j) / (½ (P_ij + P_i P_j)) (Karkada et al. 2025) from co-occurrence
 * counts. Where P_ij = 0 the entry is exactly −2, so M* = S − 2·11ᵀ with S sparse
 * (S_ij = 4 P_ij / (P_ij + P_i P_j) where P_ij > 0): products with M* need no dense V × V matrix.
 */
import { marginals } from './ppmi.js';
import type { UpperCounts } from './count.js';
import { nnz, type Csr } from '../linalg/csr.js';
import type { LinalgPool } from '../linalg/pool.js';
import { sharedFloat32, sharedFloat64, sharedUint32 } from '../linalg/shared.js';
import type { LinearOperator } from '../linalg/randomized.js';

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
export function frobeniusSquared(S: Csr): number {
  let sum = 0;
  for (let k = 0; k < nnz(S); k++) sum += (S.vals[k] - 2) ** 2;
  return sum + 4 * (S.rows * S.cols - nnz(S));
}

/**
 * The randomized eigen-solver's settings for M*, shared by the mstar method's defaults and the
 * dynamics' spectrum so that both report the same eigenvalues. 20 subspace iterations: with 8, on
 * Brown (V 2000) the 9th to 20th eigenvalues came out up to 6% low, as M*'s large negative
 * eigenvalues compete for the subspace.
 */
export const MSTAR_EIGEN = { oversample: 30, iterations: 20 } as const;

