// Our side of `npm run bench -- tsne`: the projector's t-SNE path on word2vec text vectors (PCA start, exact
// kNN of 3 × perplexity, then the iterations), timed from the vectors in memory to the layout; writes the
// layout ("x y" per line) and prints one JSON line.
//   node --import tsx bench/tsne-ours.ts VECTORS OUT [--perplexity 30] [--iterations 1000] [--theta 0.5] [--threads N]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pca } from '../src/engine/projection/pca.js';
import { exactKnn } from '../src/engine/projection/knn.js';
import { Tsne } from '../src/engine/projection/tsne.js';
import { linalgKernels, selectBackend } from '../src/engine/kernels/registry.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { perplexity: { type: 'string' }, iterations: { type: 'string' }, theta: { type: 'string' }, threads: { type: 'string' } },
});
const [vectorsPath, outPath] = positionals;
const perplexity = Number(values.perplexity ?? 30);
const iterations = Number(values.iterations ?? 1000);
const theta = Number(values.theta ?? 0.5);
const threads = values.threads ? Number(values.threads) : undefined;

const lines = readFileSync(vectorsPath, 'utf8').trimEnd().split('\n');
const [n, d] = lines[0].split(' ').map(Number);
const X = new Float32Array(n * d);
for (let i = 0; i < n; i++) {
  const parts = lines[i + 1].split(' ');
  for (let t = 0; t < d; t++) X[i * d + t] = Number(parts[t + 1]);
}
const kernels = linalgKernels();
const t0 = performance.now();
const init = pca(X, n, d, 2, kernels).coords;
const knn = await exactKnn(X, n, d, Math.min(n - 1, Math.ceil(3 * perplexity)), kernels); // k as projection/compute.ts takes it
const t1 = performance.now();
const tsne = new Tsne(knn, n, 2, { perplexity, iterations, theta, seed: 1 }, init, undefined, threads);
while (!tsne.done) tsne.step();
const t2 = performance.now();
const Y = tsne.state.Y;
writeFileSync(outPath, Array.from({ length: n }, (_, i) => `${Y[2 * i]} ${Y[2 * i + 1]}`).join('\n') + '\n');
console.log(JSON.stringify({ seconds: (t2 - t0) / 1000, startSeconds: (t1 - t0) / 1000, iterateSeconds: (t2 - t1) / 1000, points: n, kl: tsne.kl, kernel: selectBackend('tsne') }));
