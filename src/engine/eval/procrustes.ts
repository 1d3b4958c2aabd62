/**
 * Orthogonal Procrustes: the rotation R minimising ‖B·R − A‖_F, from the SVD of
 * BᵀA = U Σ Vᵀ as R = U Vᵀ (Schönemann 1966). Used to line two runs up.
 */
import { symmetricEigen } from '../linalg/dense.js';

/** R (d × d, row-major) aligning rows of B onto rows of A; both n × d. */
export function procrustes(A: Float32Array | Float64Array, B: Float32Array | Float64Array, n: number, d: number): Float64Array {
  const M = new Float64Array(d * d); // BᵀA
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) {
      const b = B[r * d + i];
      if (b === 0) continue;
      for (let j = 0; j < d; j++) M[i * d + j] += b * A[r * d + j];
    }
  }
  // MᵀM = V Σ² Vᵀ; U = M V Σ⁻¹; R = U Vᵀ = M V Σ⁻¹ Vᵀ = M (MᵀM)^(-1/2).
  const MtM = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += M[k * d + i] * M[k * d + j];
    MtM[i * d + j] = s;
  }
  const { values, vectors: V } = symmetricEigen(MtM, d);
  const inv = Float64Array.from(values, (x) => (x > 1e-12 * Math.max(values[0], 1e-300) ? 1 / Math.sqrt(x) : 0));
  const invSqrt = new Float64Array(d * d); // V diag(inv) Vᵀ
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += V[i * d + k] * inv[k] * V[j * d + k];
    invSqrt[i * d + j] = s;
  }
  const R = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += M[i * d + k] * invSqrt[k * d + j];
    R[i * d + j] = s;
  }
  return R;
}

/** B·R, row-major n × d. */
export function applyRotation(B: Float32Array | Float64Array, R: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) {
    const b = B[r * d + i];
    if (b === 0) continue;
    for (let j = 0; j < d; j++) out[r * d + j] += b * R[i * d + j];
  }
  return out;
}

/** ‖X − A‖_F / ‖A‖_F. */
export function relativeResidual(X: ArrayLike<number>, A: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < A.length; i++) {
    num += (X[i] - A[i]) ** 2;
    den += A[i] ** 2;
  }
  return Math.sqrt(num / (den || 1));
}
