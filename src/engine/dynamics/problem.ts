/**
 * The dynamics' problem from a corpus's co-occurrence counts: M* (sparse and, when a
 * backend asks, dense), the natural weights and SGNS's two terms, and M*'s spectrum
 * (the same randomized eigen-solver as the mstar method).
 */
import { marginals } from '../cooc/ppmi.js';
import type { UpperCounts } from '../cooc/count.js';
import type { Csr } from '../linalg/csr.js';
import { LinalgPool } from '../linalg/pool.js';
import { randomizedSymmetricEigen } from '../linalg/randomized.js';
import { frobeniusSquared, MSTAR_EIGEN, mstarOperator } from '../cooc/mstar.js';
import type { DynamicsModel } from '../../shared/types/dynamics.js';
import type { DynamicsProblem } from './compute.js';

/** Dense V × V from S: M*_ij = S_ij − 2 (−2 where the pair never occurs). */
export function denseMstar(S: Csr): Float32Array {
  const V = S.rows;
  const M = new Float32Array(V * V).fill(-2);
  for (let i = 0; i < V; i++) for (let k = S.rowPtr[i]; k < S.rowPtr[i + 1]; k++) M[i * V + S.colIdx[k]] = S.vals[k] - 2;
  return M;
}

/** P_ij (both triangles, summing to 1) and p_i, dense. */
function jointAndMarginals(u: UpperCounts): { P: Float64Array; p: Float64Array } {
  const V = u.vocab;
  const sums = marginals(u);
  let D = 0;
  for (const s of sums) D += s;
  const P = new Float64Array(V * V);
  for (let i = 0; i < V; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      const v = (j === i ? 2 * u.vals[k] : u.vals[k]) / D;
      P[i * V + j] = v;
      P[j * V + i] = v;
    }
  }
  return { P, p: Float64Array.from(sums, (s) => s / D) };
}

/** Dense matrices exist only when a backend reads them (the native one never does). */
export function buildProblem(model: DynamicsModel, u: UpperCounts, S: Csr, d: number): DynamicsProblem {
  const V = S.rows;
  let mstar: Float32Array | null = null;
  const problem: DynamicsProblem = {
    model, V, d, sparse: S, mstarNormSquared: frobeniusSquared(S),
    get mstar() {
      return (mstar ??= denseMstar(S));
    },
  };
  if (model !== 'qwem') {
    const { P, p } = jointAndMarginals(u);
    let meanA = 0;
    for (let i = 0; i < V; i++) for (let j = 0; j < V; j++) meanA += P[i * V + j] + p[i] * p[j];
    meanA /= V * V;
    const weights = new Float32Array(V * V);
    const product = model === 'sgns' ? new Float32Array(V * V) : undefined;
    for (let i = 0; i < V; i++) {
      for (let j = 0; j < V; j++) {
        const q = p[i] * p[j];
        if (model === 'qwem-natural') weights[i * V + j] = (P[i * V + j] + q) / meanA;
        else {
          weights[i * V + j] = (4 * P[i * V + j]) / meanA;
          product![i * V + j] = (4 * q) / meanA;
        }
      }
    }
    problem.weights = weights;
    problem.product = product;
  }
  return problem;
}

export interface MstarSpectrum {
  /** The top `rank` eigenvalues (descending) and eigenvectors (V × rank). */
  values: Float64Array;
  vectors: Float64Array;
  /** The eigenvalue of largest magnitude among those found (M*'s stiffest direction). */
  extreme: number;
}


export async function mstarSpectrum(S: Csr, rank: number, seed: number, threads: number, signal?: AbortSignal, onStep?: (done: number, total: number) => void): Promise<MstarSpectrum> {
  const pool = new LinalgPool(threads);
  try {
    const eig = await randomizedSymmetricEigen(pool, mstarOperator(pool, S), { rank, oversample: MSTAR_EIGEN.oversample, iterations: MSTAR_EIGEN.iterations, seed, signal, onStep });
    let extreme = 0;
    for (const r of eig.ritzValues) if (Math.abs(r) > Math.abs(extreme)) extreme = r;
    return { values: eig.values, vectors: eig.vectors, extreme };
  } finally {
    await pool.close();
  }
}
