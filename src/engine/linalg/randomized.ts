/**
 * Randomized truncated SVD and symmetric eigensolver (Halko, Martinsson & Tropp
 * 2011): a random range finder with oversampling and power iterations, then an
 * exact decomposition of the small projected matrix. Only products with the
 * operator are needed, so sparse matrices (and sparse-plus-rank-one operators
 * such as M*) are never made dense.
 */
import { Rng } from '../base/random.js';
import { cholesky, gramSchmidt, invertUpper, symmetricEigen } from './dense.js';
import { sharedFloat64, type LinalgPool } from './pool.js';
import { sharedFloat32 } from './shared.js';
import type { Csr } from './csr.js';

export interface LinearOperator {
  rows: number;
  cols: number;
  /** Y = A · X (X: cols × width, Y: rows × width, row-major, shared). */
  apply(X: Float64Array, Y: Float64Array, width: number): Promise<void>;
  /** Y = Aᵀ · X. */
  applyT(X: Float64Array, Y: Float64Array, width: number): Promise<void>;
}

/**
 * A sparse matrix as an operator. The block it multiplies goes to the product in floats: the product waits
 * on the block's rows, scattered over a block too big for the caches, and floats halve their bytes (the
 * medium corpus's 16 products: about 40% less time). The sums stay in doubles, and the rounding of the
 * block (1e-7 relative) is far below what the power iterations resolve.
 */
export function csrOperator(pool: LinalgPool, A: Csr, At: Csr): LinearOperator {
  let block = sharedFloat32(0);
  const inFloats = (X: Float64Array, n: number): Float32Array => {
    if (block.length < n) block = sharedFloat32(n);
    const out = block.subarray(0, n);
    out.set(X.subarray(0, n));
    return out;
  };
  return {
    rows: A.rows,
    cols: A.cols,
    apply: (X, Y, w) => pool.spmm(A, inFloats(X, A.cols * w), Y, w),
    applyT: (X, Y, w) => pool.spmm(At, inFloats(X, A.rows * w), Y, w),
  };
}

export interface RandomizedOptions {
  rank: number;
  oversample: number;
  iterations: number;
  seed: number;
  /** Called after each product with the operator: (done, total). */
  onStep?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface TruncatedSvd {
  U: Float64Array; // rows × rank
  S: Float64Array; // rank, descending
  V: Float64Array; // cols × rank
  rank: number;
}

/**
 * Makes the columns of Y (rows × width) orthonormal by Cholesky QR, Gram–Schmidt
 * if that fails. Between power iterations one pass is enough (the basis only has
 * to stay well conditioned); the final basis gets two, which makes it orthonormal
 * to working precision (CholeskyQR2).
 */
async function orthonormalize(pool: LinalgPool, Y: Float64Array, rows: number, width: number, tmp: Float64Array, rng: Rng, passes = 2): Promise<void> {
  for (let pass = 0; pass < passes; pass++) {
    const R = cholesky(await pool.gram(Y, rows, width), width);
    if (!R) {
      gramSchmidt(Y, rows, width, () => rng.normal());
      return;
    }
    await pool.rightMultiply(Y, rows, width, invertUpper(R, width), width, tmp);
    Y.set(tmp);
  }
}

function fillGaussian(X: Float64Array, rng: Rng): Float64Array {
  for (let i = 0; i < X.length; i++) X[i] = rng.normal();
  return X;
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw Object.assign(new Error('Cancelled'), { name: 'Cancelled' });
}

export async function randomizedSvd(pool: LinalgPool, A: LinearOperator, o: RandomizedOptions): Promise<TruncatedSvd> {
  const k = Math.min(o.rank + o.oversample, A.rows, A.cols);
  const rank = Math.min(o.rank, k);
  const rng = new Rng(o.seed);
  const total = 2 * o.iterations + 2;
  let step = 0;
  const tick = (): void => {
    checkAbort(o.signal);
    o.onStep?.(++step, total);
  };
  const Y = sharedFloat64(A.rows * k);
  const Z = sharedFloat64(A.cols * k);
  const tmpY = sharedFloat64(A.rows * k);
  const tmpZ = sharedFloat64(A.cols * k);
  await A.apply(fillGaussian(tmpZ, rng), Y, k);
  tick();
  for (let i = 0; i < o.iterations; i++) {
    await orthonormalize(pool, Y, A.rows, k, tmpY, rng, 1);
    await A.applyT(Y, Z, k);
    tick();
    await orthonormalize(pool, Z, A.cols, k, tmpZ, rng, 1);
    await A.apply(Z, Y, k);
    tick();
  }
  await orthonormalize(pool, Y, A.rows, k, tmpY, rng); // Q
  const Bt = Z;
  await A.applyT(Y, Bt, k); // Bᵀ = AᵀQ (cols × k)
  tick();
  // B Bᵀ = W Σ² Wᵀ; then U = Q W and V = Bᵀ W Σ⁻¹.
  const { values, vectors } = symmetricEigen(await pool.gram(Bt, A.cols, k), k);
  const S = new Float64Array(rank);
  const W = new Float64Array(k * rank);
  const Winv = new Float64Array(k * rank);
  for (let j = 0; j < rank; j++) {
    S[j] = Math.sqrt(Math.max(values[j], 0));
    for (let a = 0; a < k; a++) {
      W[a * rank + j] = vectors[a * k + j];
      Winv[a * rank + j] = S[j] > 0 ? vectors[a * k + j] / S[j] : 0;
    }
  }
  // The scratch buffers are free now and large enough: U and V live in them.
  const U = tmpY.subarray(0, A.rows * rank);
  const V = tmpZ.subarray(0, A.cols * rank);
  await pool.rightMultiply(Y, A.rows, k, W, rank, U);
  await pool.rightMultiply(Bt, A.cols, k, Winv, rank, V);
  fixSigns(U, V, A.rows, A.cols, rank);
  tick();
  return { U, S, V, rank };
}

/** Flips each singular pair so that U's largest-magnitude entry is positive: results do not depend on the random start's sign. */
function fixSigns(U: Float64Array, V: Float64Array | null, rows: number, cols: number, rank: number): void {
  for (let j = 0; j < rank; j++) {
    let big = 0;
    for (let r = 0; r < rows; r++) if (Math.abs(U[r * rank + j]) > Math.abs(big)) big = U[r * rank + j];
    if (big >= 0) continue;
    for (let r = 0; r < rows; r++) U[r * rank + j] = -U[r * rank + j];
    if (V) for (let c = 0; c < cols; c++) V[c * rank + j] = -V[c * rank + j];
  }
}

export interface SymmetricEigen {
  /** The `rank` largest eigenvalues (algebraically), descending. */
  values: Float64Array;
  vectors: Float64Array; // n × rank
  /** Every Ritz value of the subspace (largest |λ| first found), for spectrum reports. */
  ritzValues: Float64Array;
}

/**
 * Largest (algebraic) eigenpairs of a symmetric operator by randomized subspace
 * iteration. The subspace holds rank + oversample vectors and finds the
 * largest-magnitude part of the spectrum, so oversample must cover the strongly
 * negative eigenvalues that compete for it (reported in ritzValues).
 */
export async function randomizedSymmetricEigen(pool: LinalgPool, A: LinearOperator, o: RandomizedOptions): Promise<SymmetricEigen> {
  const n = A.rows;
  const k = Math.min(o.rank + o.oversample, n);
  const rng = new Rng(o.seed);
  const total = o.iterations + 2;
  let step = 0;
  const tick = (): void => {
    checkAbort(o.signal);
    o.onStep?.(++step, total);
  };
  const Y = sharedFloat64(n * k);
  const tmp = sharedFloat64(n * k);
  await A.apply(fillGaussian(sharedFloat64(n * k), rng), Y, k);
  tick();
  for (let i = 0; i < o.iterations; i++) {
    await orthonormalize(pool, Y, n, k, tmp, rng, 1);
    await A.apply(Y, tmp, k);
    Y.set(tmp);
    tick();
  }
  await orthonormalize(pool, Y, n, k, tmp, rng); // Q
  await A.apply(Y, tmp, k); // AQ
  const T = await pool.cross(Y, tmp, n, k); // QᵀAQ
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) T[a * k + b] = T[b * k + a] = (T[a * k + b] + T[b * k + a]) / 2;
  const { values, vectors } = symmetricEigen(T, k);
  const rank = Math.min(o.rank, k);
  const W = new Float64Array(k * rank);
  for (let a = 0; a < k; a++) for (let j = 0; j < rank; j++) W[a * rank + j] = vectors[a * k + j];
  const out = sharedFloat64(n * rank);
  await pool.rightMultiply(Y, n, k, W, rank, out);
  fixSigns(out, null, n, 0, rank);
  tick();
  return { values: values.slice(0, rank), vectors: out, ritzValues: values };
}
