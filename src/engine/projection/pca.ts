/**
 * PCA of n rows (n up to 100k, d up to a few hundred): the d×d covariance from
 * one pass of Gram products over row blocks (the linalg kernels, native where
 * built), its top eigenvectors by subspace iteration on the small matrix, then
 * one product of the centred rows with them. 50k × 300 takes a few hundred ms.
 */
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import { symmetricEigen, symmetrize } from '../linalg/dense.js';
import { Rng } from '../base/random.js';

export interface PcaResult {
  /** Row-major n × k projections of the centred rows. */
  coords: Float64Array;
  /** Row-major d × k: the principal directions as columns. */
  components: Float64Array;
  /** Variance along each component (eigenvalues of the covariance, descending). */
  variances: Float64Array;
  /** Trace of the covariance: the total variance. */
  totalVariance: number;
  mean: Float64Array;
}

const BLOCK = 2048;
/** From this many rows on, the covariance comes from float32 dotRows over blocks of BLOCK_T rows. */
const LARGE = 16_384;
const BLOCK_T = 4096;

/** Covariance (1/n) Σ (x − μ)(x − μ)ᵀ of the rows of X, and the mean μ. */
export function covariance(X: Float32Array, n: number, d: number, kernels: LinalgKernels): { C: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let t = 0; t < d; t++) mean[t] += X[o + t];
  }
  for (let t = 0; t < d; t++) mean[t] /= Math.max(1, n);
  const C = new Float64Array(d * d);
  if (n >= LARGE) {
    // Many rows: float32 products of transposed, centred blocks (dotRows runs about 4× faster than the float64
    // Gram kernel); each block sums only BLOCK_T terms in float32, and the blocks add up in float64.
    const T = new Float32Array(d * BLOCK_T);
    const part = new Float32Array(d * d);
    for (let from = 0; from < n; from += BLOCK_T) {
      const rows = Math.min(BLOCK_T, n - from);
      for (let r0 = 0; r0 < rows; r0 += 32) {
        const r1 = Math.min(rows, r0 + 32);
        for (let t = 0; t < d; t++) {
          const m = mean[t];
          const dst = t * rows;
          for (let r = r0; r < r1; r++) T[dst + r] = X[(from + r) * d + t] - m;
        }
      }
      kernels.dotRows(T, rows, 0, d, T, d, part);
      for (let k = 0; k < d * d; k++) C[k] += part[k];
    }
  } else {
    const buf = new Float64Array(Math.min(BLOCK, Math.max(1, n)) * d);
    for (let from = 0; from < n; from += BLOCK) {
      const rows = Math.min(BLOCK, n - from);
      centredBlock(X, d, mean, from, rows, buf);
      kernels.gram(buf, d, 0, rows, C);
    }
    symmetrize(C, d);
  }
  for (let k = 0; k < C.length; k++) C[k] /= Math.max(1, n);
  return { C, mean };
}

function centredBlock(X: Float32Array, d: number, mean: Float64Array, from: number, rows: number, buf: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const o = (from + r) * d;
    const b = r * d;
    for (let t = 0; t < d; t++) buf[b + t] = X[o + t] - mean[t];
  }
}

/** Y = A·Q for a symmetric d×d A and a d×b Q (both row-major). */
function multiply(A: Float64Array, Q: Float64Array, d: number, b: number, Y: Float64Array): void {
  Y.fill(0);
  for (let i = 0; i < d; i++) {
    const yi = i * b;
    for (let t = 0; t < d; t++) {
      const a = A[i * d + t];
      if (a === 0) continue;
      const qt = t * b;
      for (let c = 0; c < b; c++) Y[yi + c] += a * Q[qt + c];
    }
  }
}

/** Orthonormalises the columns of a d×b matrix in place (modified Gram–Schmidt, twice for stability). */
function orthonormalize(Q: Float64Array, d: number, b: number, rng: Rng): void {
  for (let c = 0; c < b; c++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < c; p++) {
          let dot = 0;
          for (let i = 0; i < d; i++) dot += Q[i * b + p] * Q[i * b + c];
          for (let i = 0; i < d; i++) Q[i * b + c] -= dot * Q[i * b + p];
        }
      }
      let norm = 0;
      for (let i = 0; i < d; i++) norm += Q[i * b + c] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-12) {
        for (let i = 0; i < d; i++) Q[i * b + c] /= norm;
        break;
      }
      for (let i = 0; i < d; i++) Q[i * b + c] = rng.normal(); // a rank-deficient block: refill the column
    }
  }
}

/**
 * The top k eigenpairs of a symmetric positive semi-definite d×d matrix:
 * exact Jacobi for small d, else subspace iteration with a block of k + 8 on
 * A² (twice the convergence per step) and a Rayleigh–Ritz step on A itself, until
 * the residuals are tiny or the Ritz values have settled.
 */
export function topEigen(
  A: Float64Array, d: number, k: number, seed = 1, tolerance = 1e-6, kernels?: LinalgKernels,
): { values: Float64Array; vectors: Float64Array } {
  // Products with the d×d matrix go through the kernels' rightMultiply where given (native: several times faster).
  const mul = (M: Float64Array, Q: Float64Array, b: number, Y: Float64Array): void =>
    kernels ? kernels.rightMultiply(M, d, Q, b, Y, 0, d) : multiply(M, Q, d, b, Y);
  k = Math.min(k, d);
  if (d <= 48) {
    const full = symmetricEigen(A, d);
    const vectors = new Float64Array(d * k);
    for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) vectors[i * k + c] = full.vectors[i * d + c];
    return { values: full.values.slice(0, k), vectors };
  }
  const b = Math.min(d, Math.max(2 * k, k + 16));
  const A2 = new Float64Array(d * d);
  mul(A, A, d, A2);
  const rng = new Rng(seed);
  let Q = Float64Array.from({ length: d * b }, () => rng.normal());
  let Y = new Float64Array(d * b);
  orthonormalize(Q, d, b, rng);
  let prev: Float64Array = new Float64Array(k);
  const ritz = (): { values: Float64Array; vectors: Float64Array } => {
    mul(A, Q, b, Y);
    const T = new Float64Array(b * b);
    for (let p = 0; p < b; p++) for (let c = 0; c < b; c++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += Q[i * b + p] * Y[i * b + c];
      T[p * b + c] = s;
    }
    for (let p = 0; p < b; p++) for (let c = 0; c < p; c++) T[p * b + c] = T[c * b + p] = (T[p * b + c] + T[c * b + p]) / 2;
    const e = symmetricEigen(T, b);
    const vectors = new Float64Array(d * k);
    for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = 0; p < b; p++) s += Q[i * b + p] * e.vectors[p * b + c];
      vectors[i * k + c] = s;
    }
    return { values: e.values.slice(0, k), vectors };
  };
  const scale = Math.max(1e-300, A.reduce((s, _v, i) => (i % (d + 1) === 0 ? s + A[i] : s), 0));
  for (let it = 1; it <= 300; it++) {
    mul(A2, Q, b, Y);
    [Q, Y] = [Y, Q];
    orthonormalize(Q, d, b, rng);
    if (it % 4 === 0) {
      const { values, vectors } = ritz();
      // Converged when every wanted Ritz pair has a small residual ‖A v − λ v‖.
      let worst = 0;
      const Av = new Float64Array(d);
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let t = 0; t < d; t++) s += A[i * d + t] * vectors[t * k + c];
          Av[i] = s;
        }
        let r = 0;
        for (let i = 0; i < d; i++) r += (Av[i] - values[c] * vectors[i * k + c]) ** 2;
        worst = Math.max(worst, Math.sqrt(r) / scale);
      }
      let moved = 0;
      for (let c = 0; c < k; c++) moved = Math.max(moved, Math.abs(values[c] - prev[c]) / scale);
      prev = values;
      // Residuals small, or (near-degenerate eigenvalues, where any vector of the subspace does as well for a
      // picture) the Ritz values settled to `tolerance` of the trace.
      if (worst < 1e-9 || (moved < tolerance && it >= 12)) return signFixed(values, vectors, d, k);
    }
  }
  const { values, vectors } = ritz();
  return signFixed(values, vectors, d, k);
}

/** Each eigenvector with its largest-magnitude entry positive (a reproducible orientation). */
function signFixed(values: Float64Array, vectors: Float64Array, d: number, k: number): { values: Float64Array; vectors: Float64Array } {
  for (let c = 0; c < k; c++) {
    let big = 0;
    for (let i = 0; i < d; i++) if (Math.abs(vectors[i * k + c]) > Math.abs(big)) big = vectors[i * k + c];
    if (big < 0) for (let i = 0; i < d; i++) vectors[i * k + c] = -vectors[i * k + c];
  }
  return { values, vectors };
}

/** PCA of the n rows of X (row-major, d wide) to k components. */
export function pca(X: Float32Array, n: number, d: number, k: number, kernels: LinalgKernels, seed = 1): PcaResult {
  const { C, mean } = covariance(X, n, d, kernels);
  let totalVariance = 0;
  for (let t = 0; t < d; t++) totalVariance += C[t * d + t];
  const { values, vectors } = topEigen(C, d, k, seed, 1e-6, kernels);
  const kk = values.length;
  const coords = new Float64Array(n * kk);
  const buf = new Float64Array(Math.min(BLOCK, Math.max(1, n)) * d);
  const out = new Float64Array(Math.min(BLOCK, Math.max(1, n)) * kk);
  for (let from = 0; from < n; from += BLOCK) {
    const rows = Math.min(BLOCK, n - from);
    centredBlock(X, d, mean, from, rows, buf);
    kernels.rightMultiply(buf, d, vectors, kk, out, 0, rows);
    coords.set(out.subarray(0, rows * kk), from * kk);
  }
  for (let c = 0; c < kk; c++) if (values[c] < 0) values[c] = 0; // rounding below zero on a flat direction
  return { coords, components: vectors, variances: values, totalVariance, mean };
}
