/**
 * The native t-SNE gradient computes what the JavaScript reference computes (the same tree, the walk,
 * attraction, Z and the KL sum), in 2D and 3D, on one thread and split over several; and a t-SNE run takes
 * the same path whichever backend it is on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsTsne, nativeTsne, type TsneGradientArgs } from '../../../src/engine/kernels/tsneKernel.js';
import { Tsne } from '../../../src/engine/projection/tsne.js';
import { exactKnn } from '../../../src/engine/projection/knn.js';
import { jsKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';
import { nativeModule } from '../../../src/engine/kernels/nativeModule.js';

const native = nativeTsne();
const skip = native ? false : 'native kernels not built on this machine';

/** Clustered points in 10 dimensions: a kNN graph with structure, as word vectors have. */
function points(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: 10 }, () => 3 * rng.normal()));
  return Float32Array.from({ length: n * 10 }, (_, t) => centres[Math.floor(t / 10) % 8][t % 10] + rng.normal());
}

/** A layout part-way through an optimisation, and the arguments of its next gradient. */
async function problem(n: number, dims: 2 | 3, seed: number): Promise<{ args: () => TsneGradientArgs }> {
  const X = points(n, seed);
  const knn = await exactKnn(X, n, 10, 30, jsKernels);
  const tsne = new Tsne(knn, n, dims, { perplexity: 10, iterations: 100, theta: 0.5, seed }, null, undefined, 1);
  for (let i = 0; i < 40; i++) tsne.step();
  const { rowPtr, cols, vals } = (tsne as unknown as { P: { rowPtr: Int32Array; cols: Int32Array; vals: Float64Array } }).P;
  return {
    args: () => ({
      Y: tsne.state.Y, n, dims, theta: 0.5, rowPtr, cols, vals,
      exaggeration: 12, computeKl: 1, threads: 1, grad: new Float64Array(n * dims), out: new Float64Array(2),
    }),
  };
}

for (const dims of [2, 3] as const) {
  test(`native t-SNE gradient agrees with the reference in ${dims}D, on 1 and 3 threads`, { skip }, async () => {
    const { args } = await problem(900, dims, 7);
    const want = args();
    jsTsne.gradient(want);
    assert.ok(want.out[0] > 0 && Number.isFinite(want.out[1]) && want.out[1] !== 0, `Z ${want.out[0]}, KL sum ${want.out[1]}`);
    for (const threads of [1, 3]) {
      const got = { ...args(), threads };
      native!.gradient(got);
      for (let k = 0; k < 2; k++) assert.ok(Math.abs(got.out[k] - want.out[k]) <= 1e-9 * Math.abs(want.out[k]), `out[${k}] ${got.out[k]} vs ${want.out[k]} (${threads} threads)`);
      let scale = 0;
      for (const g of want.grad) scale = Math.max(scale, Math.abs(g));
      for (let i = 0; i < want.grad.length; i++) {
        assert.ok(Math.abs(got.grad[i] - want.grad[i]) <= 1e-9 * scale, `grad[${i}] ${got.grad[i]} vs ${want.grad[i]} (${threads} threads)`);
      }
    }
  });
}

test('the native t-SNE kernel refuses arguments that do not fit, naming what', { skip }, async () => {
  const { args } = await problem(200, 2, 3);
  assert.throws(() => native!.gradient({ ...args(), dims: 4 }), /n must be positive and dims 2 or 3/);
  assert.throws(() => native!.gradient({ ...args(), grad: new Float64Array(10) }), /Y and grad must hold n rows/);
  assert.throws(() => native!.gradient({ ...args(), rowPtr: new Int32Array(5) }), /P must be CSR with n rows/);
  assert.throws(() => native!.gradient({ ...args(), cols: new Uint32Array(10) as unknown as Int32Array }), /cols is not an Int32Array/);
});

test('a t-SNE run follows the same path on the native kernel and on the reference', { skip }, async () => {
  const X = points(600, 5);
  const knn = await exactKnn(X, 600, 10, 30, jsKernels);
  const run = (): Float64Array => {
    const t = new Tsne(knn, 600, 2, { perplexity: 10, iterations: 60, theta: 0.5, seed: 2 }, null, undefined, 2);
    while (!t.done) t.step();
    return t.state.Y;
  };
  const prev = process.env.EMBEDLAB_KERNELS;
  process.env.EMBEDLAB_KERNELS = 'js';
  let reference: Float64Array;
  try {
    reference = run();
  } finally {
    if (prev === undefined) delete process.env.EMBEDLAB_KERNELS;
    else process.env.EMBEDLAB_KERNELS = prev;
  }
  const fast = run();
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < fast.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    worst = Math.max(worst, Math.abs(fast[i] - reference[i]));
  }
  // Rounding differs (sums in another order), and 60 steps with gains amplify it a little; a real difference would not be this small.
  assert.ok(worst <= 1e-6 * scale, `largest difference ${worst} at scale ${scale}`);
});

test('the training kernels that take one argument object say so when called without it', { skip }, () => {
  const m = nativeModule()!;
  for (const name of ['word2vecTrain', 'gloveTrain', 'tsneGradient']) {
    assert.throws(() => (m[name] as () => void)(), new RegExp(`^TypeError: ${name} takes one argument object$`));
  }
});
