// Projector figures that need no browser (run: node --import tsx bench/projector-bench.mjs [--quick]):
// - PCA of 50,000 × 300 vectors to 3 components (the direct call behind projection.start 'pca');
// - UMAP of 10,000 × 300 vectors to 2D (exact kNN + umap-js epochs, as the job runs it, on one thread);
// - t-SNE of 10,000 points, 1000 iterations (same path as the job);
// - hover picking over 50,000 points: the screen-grid build after a camera move and one look-up.
// Vectors are generated (200 clusters in 300 dimensions, unit length), so no data set is needed.
// Hover picking is also measured in Chromium by test/e2e/projector.e2e.test.ts (performance marks).
import { availableParallelism, cpus } from 'node:os';
import { pca } from '../src/engine/projection/pca.ts';
import { exactKnn } from '../src/engine/projection/knn.ts';
import { umapLayout } from '../src/engine/projection/umap.ts';
import { Tsne } from '../src/engine/projection/tsne.ts';
import { ScreenGrid } from '../src/renderer/src/views/projector/picking.ts';
import { linalgKernels } from '../src/engine/kernels/registry.ts';
import { Rng } from '../src/engine/base/random.ts';

const quick = process.argv.includes('--quick');
const kernels = linalgKernels();

function vectors(n, d, seed) {
  const rng = new Rng(seed);
  const centres = Array.from({ length: 200 }, () => Float64Array.from({ length: d }, () => rng.normal()));
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 200];
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = c[t] + 1.2 * rng.normal();
      X[i * d + t] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) X[i * d + t] *= inv;
  }
  return X;
}

const ms = (t0) => performance.now() - t0;
const results = { machine: { cpus: cpus()[0]?.model, cores: availableParallelism(), kernels: kernels.name, node: process.version } };

{
  const n = 50_000;
  const d = 300;
  const X = vectors(n, d, 1);
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    pca(X, n, d, 3, kernels);
    times.push(ms(t0));
  }
  results.pca50kx300Ms = { runs: times.map((t) => Math.round(t)), best: Math.round(Math.min(...times)) };
  console.log(`PCA 50,000 × 300 → 3: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
}

{
  const n = quick ? 2000 : 10_000;
  const d = 300;
  const X = vectors(n, d, 2);
  const t0 = performance.now();
  const init = pca(X, n, d, 2, kernels).coords;
  const t1 = performance.now();
  const knn = await exactKnn(X, n, d, 15, kernels);
  const t2 = performance.now();
  const { epochs } = await umapLayout(knn, n, 2, { nNeighbors: 15, minDist: 0.1, epochs: 0, seed: 1 }, init);
  const t3 = performance.now();
  results.umap = { points: n, dim: d, epochs, pcaMs: Math.round(t1 - t0), knnMs: Math.round(t2 - t1), layoutMs: Math.round(t3 - t2), totalS: +((t3 - t0) / 1000).toFixed(2) };
  console.log(`UMAP ${n} × ${d} → 2D: PCA ${(t1 - t0).toFixed(0)} ms, exact kNN ${(t2 - t1).toFixed(0)} ms, ${epochs} epochs ${(t3 - t2).toFixed(0)} ms: total ${((t3 - t0) / 1000).toFixed(1)} s`);

  if (!process.argv.includes('--no-tsne')) {
    const s0 = performance.now();
    const knn90 = await exactKnn(X, n, d, 90, kernels);
    const s1 = performance.now();
    const tsne = new Tsne(knn90, n, 2, { perplexity: 30, iterations: quick ? 300 : 1000, theta: 0.5, seed: 1 }, init);
    while (!tsne.done) tsne.step();
    const s2 = performance.now();
    results.tsne = { points: n, iterations: tsne.state.iteration, knnMs: Math.round(s1 - s0), iterateMs: Math.round(s2 - s1), msPerIteration: +((s2 - s1) / tsne.state.iteration).toFixed(1), kl: +tsne.kl.toFixed(3) };
    console.log(`t-SNE ${n} points, perplexity 30: kNN(90) ${(s1 - s0).toFixed(0)} ms, ${tsne.state.iteration} iterations ${((s2 - s1) / 1000).toFixed(1)} s (${((s2 - s1) / tsne.state.iteration).toFixed(1)} ms each), KL ${tsne.kl.toFixed(3)}`);
  }
}

{
  const n = 50_000;
  const rng = new Rng(3);
  const pos = Float32Array.from({ length: n * 3 }, () => rng.normal() * 0.4);
  // A perspective view-projection matrix (column-major) like the 3D camera's.
  const f = 1 / Math.tan((45 * Math.PI) / 360);
  const aspect = 790 / 580;
  const near = 0.01;
  const far = 100;
  const P = [f / aspect, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) / (near - far), -1, 0, 0, (2 * far * near) / (near - far), 0];
  const V = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -2.6, 1];
  const M = new Array(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) M[c * 4 + r] += P[k * 4 + r] * V[c * 4 + k];
  const grid = new ScreenGrid();
  const builds = [];
  const looks = [];
  let found = 0;
  for (let round = 0; round < 50; round++) {
    const t0 = performance.now();
    grid.build(pos, n, M, 790, 580);
    builds.push(ms(t0));
    for (let q = 0; q < 200; q++) {
      const t1 = performance.now();
      if (grid.pick(200 + rng.next() * 390, 150 + rng.next() * 280, 8)) found++;
      looks.push(ms(t1));
    }
  }
  builds.sort((a, b) => a - b);
  looks.sort((a, b) => a - b);
  results.pick50k = { buildMedianMs: +builds[25].toFixed(2), buildMaxMs: +builds[49].toFixed(2), lookupMedianUs: +(looks[looks.length >> 1] * 1000).toFixed(1), lookupMaxMs: +looks[looks.length - 1].toFixed(3), found: `${found}/${looks.length}` };
  console.log(`hover picking, 50,000 points (Node): grid build median ${builds[25].toFixed(2)} ms (max ${builds[49].toFixed(2)}), look-up median ${(looks[looks.length >> 1] * 1000).toFixed(1)} µs`);
}

console.log(JSON.stringify(results, null, 2));
