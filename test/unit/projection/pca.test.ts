/**
 * PCA against a known decomposition: points μ + Σ_k σ_k h_k(i) u_k with u_k
 * orthonormal and h_k orthogonal ±1 columns of a Hadamard matrix (mean 0,
 * variance exactly 1), so the covariance is exactly Σ σ_k² u_k u_kᵀ: variances
 * σ_k², components ±u_k, coordinates ±σ_k h_k(i).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pca, topEigen, covariance } from '../../../src/engine/projection/pca.js';
import { symmetricEigen } from '../../../src/engine/linalg/dense.js';
import { jsKernels, nativeKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';

const kernelSets = [jsKernels, ...(nativeKernels() ? [nativeKernels()!] : [])];

/** Sylvester's Hadamard matrix of order n (a power of two): entry (i, j) = (−1)^popcount(i & j). */
function hadamard(i: number, j: number): number {
  let x = i & j;
  let bits = 0;
  while (x) {
    bits += x & 1;
    x >>= 1;
  }
  return bits % 2 ? -1 : 1;
}

function orthonormalBasis(d: number, k: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  while (out.length < k) {
    const v = Float64Array.from({ length: d }, () => rng.normal());
    for (const u of out) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += v[t] * u[t];
      for (let t = 0; t < d; t++) v[t] -= dot * u[t];
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
}

function knownCloud(n: number, d: number, sigmas: number[], seed: number) {
  const rng = new Rng(seed);
  const basis = orthonormalBasis(d, sigmas.length, rng);
  const mean = Float64Array.from({ length: d }, () => rng.normal());
  const X = new Float32Array(n * d);
  const h = (i: number, k: number): number => hadamard(i, k + 1); // columns 1, 2, 3…: orthogonal, mean 0
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      let v = mean[t];
      sigmas.forEach((s, k) => (v += s * h(i, k) * basis[k][t]));
      X[i * d + t] = v;
    }
  }
  return { X, basis, h };
}

for (const d of [10, 120]) {
  test(`PCA recovers a known decomposition (d = ${d}: ${d <= 48 ? 'Jacobi' : 'subspace iteration'}), on every kernel backend`, () => {
    const n = 256;
    const sigmas = [3, 2, 0.5];
    const { X, basis, h } = knownCloud(n, d, sigmas, 7 + d);
    for (const kernels of kernelSets) {
      const r = pca(X, n, d, 3, kernels);
      const total = sigmas.reduce((s, x) => s + x * x, 0);
      assert.ok(Math.abs(r.totalVariance - total) < 1e-4, `${kernels.name}: total variance ${r.totalVariance} = ${total}`);
      sigmas.forEach((s, k) => {
        assert.ok(Math.abs(r.variances[k] - s * s) < 1e-4, `${kernels.name}: variance ${k} is ${r.variances[k]}, expected ${s * s}`);
        // The component is ±u_k …
        let dot = 0;
        for (let t = 0; t < d; t++) dot += r.components[t * 3 + k] * basis[k][t];
        assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-5, `${kernels.name}: component ${k} is ±u_${k} (|cos| = ${Math.abs(dot)})`);
        // … and every coordinate is ±σ_k h_k(i), with one sign for the whole column.
        const sign = Math.sign(dot);
        for (let i = 0; i < n; i++) assert.ok(Math.abs(r.coords[i * 3 + k] - sign * s * h(i, k)) < 1e-4, `coordinate (${i}, ${k})`);
      });
    }
  });
}

test('PCA of points on a plane: the third variance is zero and the explained shares add up', () => {
  const n = 128;
  const d = 60;
  const { X } = knownCloud(n, d, [1.5, 1], 3);
  const r = pca(X, n, d, 3, jsKernels);
  assert.ok(Math.abs(r.variances[0] - 2.25) < 1e-4);
  assert.ok(Math.abs(r.variances[1] - 1) < 1e-4);
  assert.ok(r.variances[2] < 1e-6, `flat direction: ${r.variances[2]}`);
  assert.ok(Math.abs((r.variances[0] + r.variances[1]) / r.totalVariance - 1) < 1e-5);
});

test('topEigen matches the full Jacobi decomposition on a random covariance (d = 80)', () => {
  const rng = new Rng(11);
  const n = 400;
  const d = 80;
  // Decaying spectrum, as embeddings have.
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) X[i * d + t] = rng.normal() / (1 + t / 4);
  const { C } = covariance(X, n, d, jsKernels);
  const full = symmetricEigen(C, d);
  const top = topEigen(C, d, 6, 1, 1e-13);
  for (let k = 0; k < 6; k++) {
    assert.ok(Math.abs(top.values[k] - full.values[k]) < 1e-9 * full.values[0], `eigenvalue ${k}: ${top.values[k]} vs ${full.values[k]}`);
    let dot = 0;
    for (let t = 0; t < d; t++) dot += top.vectors[t * 6 + k] * full.vectors[t * d + k];
    assert.ok(Math.abs(dot) > 1 - 1e-6, `eigenvector ${k}: |cos| = ${Math.abs(dot)}`);
  }
});

test('PCA of 20k × 100 stays fast (a smoke figure, not a timed test)', () => {
  const rng = new Rng(5);
  const n = 20_000;
  const d = 100;
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  const t0 = performance.now();
  const r = pca(X, n, d, 3, nativeKernels() ?? jsKernels);
  const ms = performance.now() - t0;
  assert.equal(r.coords.length, n * 3);
  assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
});
