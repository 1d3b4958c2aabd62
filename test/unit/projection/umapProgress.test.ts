/**
 * UMAP never stands still: the nearest-neighbour search and the fuzzy graph report rows
 * done of n, the layout its epochs; and the graph built here row by row is the one
 * umap-js's own fit builds (same edges, weights and order), so layouts did not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactKnn } from '../../../src/engine/projection/knn.js';
import { umapEdges } from '../../../src/engine/projection/umapGraph.js';
import { projectJob } from '../../../src/engine/projection/compute.js';
import { throttledProgress } from '../../../src/engine/base/progress.js';
import { jsKernels, nativeKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';
import type { JobProgress, ProjectionSpec } from '../../../src/shared/contract.js';

const kernels = nativeKernels() ?? jsKernels;

/** Unit rows around k centres, some of them exact duplicates (zero distances). */
function points(n: number, d: number, k: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => rng.normal() * 3));
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let t = 0; t < d; t++) norm += (X[i * d + t] = centres[i % k][t] + rng.normal()) ** 2;
    for (let t = 0; t < d; t++) X[i * d + t] /= Math.sqrt(norm);
  }
  for (let i = 0; i < 4; i++) X.copyWithin((n - 1 - i) * d, i * d, (i + 1) * d);
  return X;
}

test("UMAP's progress: a kNN phase whose done rises to n, a graph phase in rows, then epochs", { timeout: 120_000 }, async () => {
  const n = 4500;
  const d = 12;
  const seen: JobProgress[] = [];
  const sink = throttledProgress((p) => seen.push(p), 0);
  const spec = { method: 'umap', runId: 1, top: n, dims: 2, seed: 1, params: { nNeighbors: 15, minDist: 0.1, epochs: 30 } } as ProjectionSpec;
  await projectJob({ words: [], counts: [], indices: new Int32Array(n), X: points(n, d, 6, 2), n, d } as never, spec, kernels, sink, new AbortController().signal);

  const phases = [...new Set(seen.map((p) => p.phase))];
  assert.deepEqual(phases, ['PCA', 'nearest neighbours', 'neighbour graph', 'UMAP']);
  const knn = seen.filter((p) => p.phase === 'nearest neighbours');
  assert.ok(knn.every((p) => p.total === n && p.unit === 'rows'), 'rows of n');
  const done = knn.map((p) => p.done);
  assert.ok(done.length >= 10, `${done.length} kNN reports`);
  for (let i = 1; i < done.length; i++) assert.ok(done[i] > done[i - 1] || (done[i] === n && done[i - 1] === n), `done ${done[i - 1]} → ${done[i]}`);
  assert.equal(done[0], 0);
  assert.equal(done.at(-1), n);
  const graph = seen.filter((p) => p.phase === 'neighbour graph');
  assert.ok(graph.every((p) => p.total === n && p.unit === 'rows'));
  assert.deepEqual([...new Set(graph.map((p) => p.done))], [0, 2048, 4096, n]);
  const layout = seen.filter((p) => p.phase === 'UMAP' && p.total > 0);
  assert.equal(layout.at(-1)!.done, 30);
});

test('a phase with a total gets an ETA from its rate once it has run a moment', async () => {
  const seen: JobProgress[] = [];
  const sink = throttledProgress((p) => seen.push(p), 0);
  sink.phase('nearest neighbours', 1000, 'rows');
  sink.update(100);
  assert.equal(seen.at(-1)!.eta, null, 'too early to say');
  await new Promise((r) => setTimeout(r, 300));
  sink.update(250);
  const eta = seen.at(-1)!.eta!;
  // 250 rows in ≥ 0.3 s: the other 750 take about three times as long.
  assert.ok(eta >= 0.85 && eta < 2, `eta ${eta}`);
});

test("the graph built row by row is umap-js's own: same edges, same order, same sampling", async () => {
  const n = 400;
  const d = 8;
  const nn = 12;
  const knn = await exactKnn(points(n, d, 4, 5), n, d, nn - 1, kernels);
  const rows: number[] = [];
  const mine = await umapEdges(knn, n, nn, 300, { onRows: (r) => rows.push(r) });
  assert.deepEqual(rows, [n]);

  const { UMAP } = await import('umap-js');
  const umap = new UMAP({ nComponents: 2, nNeighbors: nn, nEpochs: 300, random: new Rng(1).next.bind(new Rng(1)) });
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    indices.push([i, ...Array.from(knn.indices.subarray(i * knn.k, (i + 1) * knn.k))]);
    distances.push([0, ...Array.from(knn.dist2.subarray(i * knn.k, (i + 1) * knn.k), (v) => Math.sqrt(v))]);
  }
  umap.setPrecomputedKNN(indices, distances);
  umap.initializeFit(Array.from({ length: n }, () => []));
  const theirs = (umap as unknown as { optimizationState: { head: number[]; tail: number[]; epochsPerSample: number[] } }).optimizationState;
  assert.ok(mine.head.length > n * (nn - 1), `${mine.head.length} edges`);
  assert.deepEqual(mine.head, theirs.head);
  assert.deepEqual(mine.tail, theirs.tail);
  assert.deepEqual(mine.epochsPerSample, theirs.epochsPerSample);
});
