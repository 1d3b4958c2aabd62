/** kNN, t-SNE (including pause and resume) and UMAP on small planted data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactKnn } from '../../../src/engine/projection/knn.js';
import { Tsne, inputSimilarities } from '../../../src/engine/projection/tsne.js';
import { umapLayout } from '../../../src/engine/projection/umap.js';
import { pca } from '../../../src/engine/projection/pca.js';
import { topIndices } from '../../../src/engine/projection/rows.js';
import { jsKernels, nativeKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';

const kernels = nativeKernels() ?? jsKernels;

function clusters(k: number, per: number, d: number, seed: number): { X: Float32Array; truth: Int32Array; n: number } {
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => rng.normal() * 4));
  const n = k * per;
  const X = new Float32Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = i % k;
    for (let t = 0; t < d; t++) X[i * d + t] = centres[i % k][t] + rng.normal() * 0.5;
  }
  return { X, truth, n };
}

/** Share of points whose nearest other point in the layout is in the same cluster. */
function layoutPurity(Y: Float64Array, dims: number, truth: Int32Array): number {
  const n = truth.length;
  let good = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let dd = 0;
      for (let c = 0; c < dims; c++) dd += (Y[i * dims + c] - Y[j * dims + c]) ** 2;
      if (dd < bestD) {
        bestD = dd;
        best = j;
      }
    }
    if (truth[best] === truth[i]) good++;
  }
  return good / n;
}

test('exact kNN agrees with brute force, on every kernel backend', async () => {
  const rng = new Rng(3);
  const n = 300;
  const d = 16;
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  for (const ks of [jsKernels, ...(nativeKernels() ? [nativeKernels()!] : [])]) {
    const knn = await exactKnn(X, n, d, 7, ks);
    for (const i of [0, 17, 299]) {
      const order = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j) => {
          let s = 0;
          for (let t = 0; t < d; t++) s += (X[i * d + t] - X[j * d + t]) ** 2;
          return [j, s] as const;
        })
        .sort((a, b) => a[1] - b[1]);
      assert.deepEqual(Array.from(knn.indices.subarray(i * 7, i * 7 + 7)), order.slice(0, 7).map((o) => o[0]), `${ks.name}: row ${i}`);
      assert.ok(Math.abs(knn.dist2[i * 7] - order[0][1]) < 1e-3);
    }
  }
});

test('input similarities: each row matches the perplexity before symmetrising; P sums to 1', async () => {
  const { X, n } = clusters(3, 50, 8, 1);
  const knn = await exactKnn(X, n, 8, 30, kernels);
  const P = inputSimilarities(knn, n, 10);
  let total = 0;
  for (const v of P.vals) total += v;
  assert.ok(Math.abs(total - 1) < 1e-9, `ΣP = ${total}`);
  for (let i = 0; i < n; i++) for (let e = P.rowPtr[i]; e < P.rowPtr[i + 1]; e++) assert.notEqual(P.cols[e], i);
});

for (const dims of [2, 3] as const) {
  test(`t-SNE (${dims}D) separates planted clusters, and a paused run resumes to the same result`, async () => {
    const { X, truth, n } = clusters(4, 60, 12, 2);
    const knn = await exactKnn(X, n, 12, 45, kernels);
    const init = pca(X, n, 12, dims, kernels).coords;
    const params = { perplexity: 15, iterations: 300, theta: 0.5, seed: 5 };
    const whole = new Tsne(knn, n, dims, params, init);
    while (!whole.done) whole.step();
    assert.ok(layoutPurity(whole.state.Y, dims, truth) > 0.97, 'clusters separate');
    assert.ok(Number.isFinite(whole.kl) && whole.kl > 0, `KL ${whole.kl}`);

    const first = new Tsne(knn, n, dims, params, init);
    for (let i = 0; i < 130; i++) first.step();
    const state = { ...first.state, Y: first.state.Y.slice(), update: first.state.update.slice(), gains: first.state.gains.slice() };
    const resumed = new Tsne(knn, n, dims, params, init, state);
    assert.equal(resumed.state.iteration, 130);
    while (!resumed.done) resumed.step();
    assert.deepEqual(Array.from(resumed.state.Y), Array.from(whole.state.Y), 'pause + resume = one go');
  });
}

test('t-SNE: duplicate points (identical vectors) do not break the tree', async () => {
  const n = 200;
  const X = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) X[i * 4 + (i % 2)] = 1; // two groups of 100 identical points
  const knn = await exactKnn(X, n, 4, 30, kernels);
  const t = new Tsne(knn, n, 2, { perplexity: 10, iterations: 60, theta: 0.5, seed: 1 }, null);
  while (!t.done) t.step();
  assert.ok(t.state.Y.every(Number.isFinite));
});

test('UMAP separates planted clusters and is reproducible for a seed', async () => {
  const { X, truth, n } = clusters(4, 60, 12, 3);
  const knn = await exactKnn(X, n, 12, 15, kernels);
  const init = pca(X, n, 12, 2, kernels).coords;
  const p = { nNeighbors: 15, minDist: 0.1, epochs: 120, seed: 9 };
  let epochs = 0;
  const a = await umapLayout(knn, n, 2, p, init, { onEpoch: (e) => (epochs = e) });
  assert.equal(a.epochs, 120);
  assert.equal(epochs, 120);
  assert.ok(layoutPurity(a.coords, 2, truth) > 0.97);
  const b = await umapLayout(knn, n, 2, p, init);
  assert.deepEqual(Array.from(a.coords), Array.from(b.coords));
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(umapLayout(knn, n, 2, p, init, { signal: ac.signal }), /Cancelled/);
});

test('top N words: count order, vocabulary order on ties', () => {
  assert.deepEqual(Array.from(topIndices([5, 9, 9, 1, 7], 5, 3)), [1, 2, 4]);
  assert.deepEqual(Array.from(topIndices([9, 5, 5, 1], 4, 10)), [0, 1, 2, 3]);
});
