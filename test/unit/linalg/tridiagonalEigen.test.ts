/** The tridiagonal QL eigensolver against the Jacobi one, and its residuals, on random symmetric matrices. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jacobiEigen, symmetricEigen } from '../../../src/engine/linalg/dense.js';
import { tridiagonalEigen } from '../../../src/engine/linalg/tridiagonalEigen.js';
import { Rng } from '../../../src/engine/base/random.js';

function randomSymmetric(n: number, seed: number, spread = 1): Float64Array {
  const rng = new Rng(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = (rng.next() - 0.5) * (i === j ? spread : 1);
  return A;
}

test('tridiagonal QL: A v = λ v, VᵀV = I, and the same eigenvalues as Jacobi (n = 1 … 120)', () => {
  for (const [n, seed] of [[1, 1], [2, 2], [3, 3], [17, 4], [33, 5], [120, 6]]) {
    const A = randomSymmetric(n, seed, 3);
    const { values, vectors: V } = tridiagonalEigen(A, n);
    let residual = 0;
    let orth = 0;
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < n; i++) {
        let x = 0;
        for (let m = 0; m < n; m++) x += A[i * n + m] * V[m * n + k];
        residual = Math.max(residual, Math.abs(x - values[k] * V[i * n + k]));
      }
      for (let l = k; l < n; l++) {
        let x = 0;
        for (let i = 0; i < n; i++) x += V[i * n + k] * V[i * n + l];
        orth = Math.max(orth, Math.abs(x - (k === l ? 1 : 0)));
      }
    }
    assert.ok(residual < 1e-12 * n, `n = ${n}: residual ${residual}`);
    assert.ok(orth < 1e-12 * n, `n = ${n}: orthogonality ${orth}`);
    const jac = jacobiEigen(A, n).values;
    const ours = [...values].sort((a, b) => b - a);
    ours.forEach((v, k) => assert.ok(Math.abs(v - jac[k]) < 1e-12 * n, `n = ${n}, λ${k}: ${v} vs ${jac[k]}`));
  }
});

test('symmetricEigen: descending values, eigenvectors with their largest entry positive, on either side of the Jacobi size', () => {
  for (const n of [8, 64]) {
    const A = randomSymmetric(n, 10 + n);
    const { values, vectors } = symmetricEigen(A, n);
    for (let k = 1; k < n; k++) assert.ok(values[k] <= values[k - 1]);
    for (let k = 0; k < n; k++) {
      let big = 0;
      for (let i = 0; i < n; i++) if (Math.abs(vectors[i * n + k]) > Math.abs(big)) big = vectors[i * n + k];
      assert.ok(big > 0);
    }
  }
  // A repeated eigenvalue (the identity plus a rank-one term) still gives an orthonormal basis.
  const n = 50;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = (i === j ? 1 : 0) + 1 / n;
  const { values, vectors } = symmetricEigen(A, n);
  assert.ok(Math.abs(values[0] - 2) < 1e-12 && Math.abs(values[n - 1] - 1) < 1e-12);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = 0; i < n; i++) norm += vectors[i * n + k] ** 2;
    assert.ok(Math.abs(norm - 1) < 1e-12);
  }
});
