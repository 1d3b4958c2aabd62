/** k-means: well-separated blobs are recovered exactly; the same seed gives the same labels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeans } from '../../../src/engine/projection/kmeans.js';
import { jsKernels, nativeKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';

const kernelSets = [jsKernels, ...(nativeKernels() ? [nativeKernels()!] : [])];

function blobs(k: number, per: number, d: number, spread: number, seed: number): { X: Float32Array; truth: Int32Array } {
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => rng.normal() * 5));
  const n = k * per;
  const X = new Float32Array(n * d);
  const truth = new Int32Array(n);
  // Interleaved, so that order says nothing about membership.
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    for (let t = 0; t < d; t++) X[i * d + t] = centres[c][t] + spread * rng.normal();
  }
  return { X, truth };
}

/** True when the labels induce the same partition as the truth (a bijection between label sets). */
function samePartition(labels: Int32Array, truth: Int32Array): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    if ((map.get(labels[i]) ?? truth[i]) !== truth[i]) return false;
    if ((back.get(truth[i]) ?? labels[i]) !== labels[i]) return false;
    map.set(labels[i], truth[i]);
    back.set(truth[i], labels[i]);
  }
  return true;
}

test('k-means++ and Lloyd recover well-separated blobs, on every kernel backend and for several seeds', async () => {
  const { X, truth } = blobs(5, 60, 20, 0.3, 1);
  for (const kernels of kernelSets) {
    for (const seed of [1, 2, 3, 99]) {
      const r = await kmeans(X, 300, 20, 5, seed, 100, kernels);
      assert.ok(samePartition(r.labels, truth), `${kernels.name}, seed ${seed}: the blobs are the clusters`);
      assert.ok(r.converged);
      assert.deepEqual([...r.sizes].sort(), [60, 60, 60, 60, 60]);
      // Inertia ≈ n · d · spread² (each point's squared distance to its blob's mean).
      assert.ok(Math.abs(r.inertia / (300 * 20 * 0.09) - 1) < 0.15, `inertia ${r.inertia}`);
    }
  }
});

test('k-means is deterministic for a seed, and different seeds may differ only in label names here', async () => {
  const { X } = blobs(8, 40, 10, 1.5, 4);
  const a = await kmeans(X, 320, 10, 8, 42, 100, jsKernels);
  const b = await kmeans(X, 320, 10, 8, 42, 100, jsKernels);
  assert.deepEqual(Array.from(a.labels), Array.from(b.labels));
  assert.equal(a.inertia, b.inertia);
  assert.equal(a.iterations, b.iterations);
});

test('k-means: an empty cluster is refilled, k = n puts every point alone, and cancel stops it', async () => {
  // Six points, two of them duplicates, k = 6: every cluster must end up non-empty.
  const X = Float32Array.from([0, 0, 0, 0, 1, 0, 0, 1, 5, 5, 9, 9]);
  const r = await kmeans(X, 6, 2, 6, 1, 50, jsKernels);
  assert.equal(r.sizes.filter((s) => s > 0).length, 6);
  const big = blobs(4, 500, 30, 3, 2);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(kmeans(big.X, 2000, 30, 4, 1, 100, jsKernels, { signal: ac.signal }), /Cancelled/);
});
