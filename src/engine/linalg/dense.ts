/**
 * Small dense linear algebra on row-major float64 matrices (the k×k steps of the
 * solvers). The tall products are kernels (kernels/linalgKernels.ts), run by the pool.
 */
import { tridiagonalEigen } from './tridiagonalEigen.js';

/** Fills the lower triangle of a Gram matrix computed by the gram kernel (upper triangle only). */
export function symmetrize(G: Float64Array, n: number): void {
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) G[a * n + b] = G[b * n + a];
}

/** Upper-triangular R with RᵀR = G, or null when G is not (numerically) positive definite. */
export function cholesky(G: Float64Array, n: number): Float64Array | null {
  const R = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = G[j * n + j];
    for (let k = 0; k < j; k++) d -= R[k * n + j] * R[k * n + j];
    if (!(d > 1e-13 * Math.max(1, G[0]))) return null;
    const rjj = Math.sqrt(d);
    R[j * n + j] = rjj;
    for (let i = j + 1; i < n; i++) {
      let s = G[j * n + i];
      for (let k = 0; k < j; k++) s -= R[k * n + j] * R[k * n + i];
      R[j * n + i] = s / rjj;
    }
  }
  return R;
}

/** Inverse of an upper-triangular matrix. */
export function invertUpper(R: Float64Array, n: number): Float64Array {
  const X = new Float64Array(n * n);
  for (let j = n - 1; j >= 0; j--) {
    X[j * n + j] = 1 / R[j * n + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += R[i * n + k] * X[k * n + j];
      X[i * n + j] = -s / R[i * n + i];
    }
  }
  return X;
}

/** Up to this size the Jacobi rotations are cheap and keep the small eigenvalues' relative accuracy. */
const JACOBI_MAX = 32;

/**
 * Eigen-decomposition of a symmetric n×n matrix: eigenvalues in descending order and eigenvectors
 * as columns of a row-major n×n matrix, each with its largest-magnitude entry positive. Cyclic Jacobi
 * up to n = 32; above, Householder tridiagonalisation and implicit QL (tridiagonalEigen.ts), O(4n³):
 * at n = 1000 (SGNS's spectrum per epoch at d = 1000) seconds instead of the Jacobi's minutes.
 */
export function symmetricEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  if (n <= JACOBI_MAX) return jacobiEigen(A, n);
  const { values, vectors } = tridiagonalEigen(A, n);
  return sortedColumns(values, vectors, n);
}

/**
 * By cyclic Jacobi rotations, whatever n: slower (about 10 sweeps of 6n³), but the eigenvalues of a
 * Gram matrix keep their relative accuracy down to the tiniest (the dynamics' modes at 1e-12).
 */
export function jacobiEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = A.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return sortedColumns(Float64Array.from({ length: n }, (_, i) => a[i * n + i]), v, n);
}

/** Eigenpairs in descending order of value, each vector's largest-magnitude entry positive. */
function sortedColumns(raw: Float64Array, v: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => raw[y] - raw[x]);
  const values = Float64Array.from(order, (i) => raw[i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k * n + src]) > Math.abs(big)) big = v[k * n + src];
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = sign * v[k * n + src];
  });
  return { values, vectors };
}

/** Modified Gram–Schmidt on the columns of a tall row-major matrix, in place (fallback path). */
export function gramSchmidt(Y: Float64Array, rows: number, width: number, refill: () => number): void {
  for (let j = 0; j < width; j++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += Y[r * width + i] * Y[r * width + j];
        for (let r = 0; r < rows; r++) Y[r * width + j] -= dot * Y[r * width + i];
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += Y[r * width + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-10) {
        for (let r = 0; r < rows; r++) Y[r * width + j] /= norm;
        break;
      }
      // The column lies in the span of the previous ones: replace it with noise and retry.
      for (let r = 0; r < rows; r++) Y[r * width + j] = refill();
    }
  }
}
