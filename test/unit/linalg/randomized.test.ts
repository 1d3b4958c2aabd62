import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinalgPool, sharedFloat64 } from '../../../src/engine/linalg/pool.js';
import { csrOperator, randomizedSvd, randomizedSymmetricEigen, type LinearOperator } from '../../../src/engine/linalg/randomized.js';
import { transpose, type Csr } from '../../../src/engine/linalg/csr.js';
import { symmetricEigen } from '../../../src/engine/linalg/dense.js';
import { Rng } from '../../../src/engine/base/random.js';

/** A dense rows×cols matrix with a decaying spectrum, stored as CSR (entries below `drop` zeroed). */
function testMatrix(rows: number, cols: number, seed: number, drop = 0): { dense: Float64Array; csr: Csr } {
  const rng = new Rng(seed);
  const dense = new Float64Array(rows * cols);
  for (let s = 0; s < Math.min(rows, cols); s++) {
    const sigma = 10 * Math.pow(0.8, s);
    const u = Array.from({ length: rows }, () => rng.normal());
    const v = Array.from({ length: cols }, () => rng.normal());
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dense[r * cols + c] += (sigma * u[r] * v[c]) / Math.sqrt(rows * cols);
  }
  for (let i = 0; i < dense.length; i++) if (Math.abs(dense[i]) < drop) dense[i] = 0;
  const rowPtr = new Float64Array(rows + 1);
  const colIdx: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = Math.fround(dense[r * cols + c]);
      dense[r * cols + c] = x; // the CSR holds float32: compare against exactly that matrix
      if (x !== 0) {
        colIdx.push(c);
        vals.push(x);
      }
    }
    rowPtr[r + 1] = colIdx.length;
  }
  return { dense, csr: { rows, cols, rowPtr, colIdx: Uint32Array.from(colIdx), vals: Float32Array.from(vals) } };
}

/** Exact SVD pieces from the eigen-decomposition of AᵀA and AAᵀ (fine for small, well-conditioned tops). */
function exactTop(dense: Float64Array, rows: number, cols: number, d: number) {
  const AtA = new Float64Array(cols * cols);
  for (let a = 0; a < cols; a++) for (let b = 0; b < cols; b++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += dense[r * cols + a] * dense[r * cols + b];
    AtA[a * cols + b] = s;
  }
  const { values, vectors } = symmetricEigen(AtA, cols);
  const S = Array.from(values.slice(0, d), (x) => Math.sqrt(x));
  const V = new Float64Array(cols * d);
  for (let c = 0; c < cols; c++) for (let j = 0; j < d; j++) V[c * d + j] = vectors[c * cols + j];
  return { S, V };
}

/** Cosines of the principal angles between two column spaces (n × d each, orthonormal). */
function principalCosines(A: Float64Array, B: Float64Array, n: number, d: number): number[] {
  const M = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += A[r * d + i] * B[r * d + j];
    M[i * d + j] = s;
  }
  const MtM = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += M[r * d + i] * M[r * d + j];
    MtM[i * d + j] = s;
  }
  return Array.from(symmetricEigen(MtM, d).values, (x) => Math.sqrt(Math.max(0, x)));
}

for (const [threads, kernels] of [[1, 'js'], [2, 'js'], [1, 'native'], [2, 'native']] as const) {
  test(`randomized SVD matches the exact SVD (${threads} thread${threads > 1 ? 's' : ''}, ${kernels} kernels)`, async (t) => {
    process.env.EMBEDLAB_KERNELS = kernels; // read when the pool and its threads start
    const pool = new LinalgPool(threads);
    delete process.env.EMBEDLAB_KERNELS;
    t.after(() => pool.close());
    const rows = 80;
    const cols = 50;
    const d = 6;
    const { dense, csr } = testMatrix(rows, cols, 3, 0.002);
    const svd = await randomizedSvd(pool, csrOperator(pool, csr, transpose(csr)), { rank: d, oversample: 10, iterations: 4, seed: 1 });
    const exact = exactTop(dense, rows, cols, d);
    for (let j = 0; j < d; j++) {
      assert.ok(Math.abs(svd.S[j] - exact.S[j]) / exact.S[j] < 1e-4, `σ${j}: ${svd.S[j]} vs ${exact.S[j]}`);
    }
    const cosines = principalCosines(svd.V, exact.V, cols, d);
    assert.ok(Math.min(...cosines) > 0.9999, `smallest cosine of the principal angles ${Math.min(...cosines)}`);
    // U·Σ = A·V, so U is right too.
    for (let r = 0; r < rows; r += 7) for (let j = 0; j < d; j++) {
      let av = 0;
      for (let c = 0; c < cols; c++) av += dense[r * cols + c] * svd.V[c * d + j];
      assert.ok(Math.abs(av - svd.U[r * d + j] * svd.S[j]) < 1e-6);
    }
  });
}

test('randomized symmetric eigen finds the largest algebraic eigenvalues of a sparse-plus-rank-one operator', async (t) => {
  const pool = new LinalgPool(1);
  t.after(() => pool.close());
  const n = 60;
  const { dense, csr } = testMatrix(n, n, 5);
  // Symmetrize: S = (A + Aᵀ)/2, and the operator S − 2·11ᵀ as M* is built.
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = (dense[i * n + j] + dense[j * n + i]) / 2;
  const full = S.map((x) => x - 2);
  const op: LinearOperator = {
    rows: n, cols: n,
    async apply(X, Y, w) {
      for (let i = 0; i < n; i++) for (let c = 0; c < w; c++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += S[i * n + j] * X[j * w + c];
        Y[i * w + c] = s;
      }
      const colSums = new Float64Array(w);
      for (let j = 0; j < n; j++) for (let c = 0; c < w; c++) colSums[c] += X[j * w + c];
      for (let i = 0; i < n; i++) for (let c = 0; c < w; c++) Y[i * w + c] -= 2 * colSums[c];
    },
    applyT(X, Y, w) {
      return this.apply(X, Y, w);
    },
  };
  void csr;
  const exact = symmetricEigen(full, n).values;
  const eig = await randomizedSymmetricEigen(pool, op, { rank: 3, oversample: 12, iterations: 8, seed: 2 });
  assert.ok(exact[n - 1] < -100, 'the rank-one part gives a large negative eigenvalue');
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(eig.values[j] - exact[j]) < 1e-6 * Math.abs(exact[0]), `λ${j} ${eig.values[j]} vs ${exact[j]}`);
  assert.ok(eig.ritzValues.some((x) => x < -100), 'the negative one is reported among the Ritz values');
  void sharedFloat64;
});
