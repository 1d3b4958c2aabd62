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

/** The repulsion alone, by every pair: grad_i = −4 Σ_j q_ij² (y_i − y_j) / Z, Z = Σ_{i≠j} q_ij, q = 1 / (1 + |y_i − y_j|²). */
function exactRepulsion(Y: Float64Array, n: number, D: number): { grad: Float64Array; Z: number } {
  const rep = new Float64Array(n * D);
  let Z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d2 = 0;
      for (let c = 0; c < D; c++) d2 += (Y[i * D + c] - Y[j * D + c]) ** 2;
      const q = 1 / (1 + d2);
      Z += q;
      for (let c = 0; c < D; c++) rep[i * D + c] += q * q * (Y[i * D + c] - Y[j * D + c]);
    }
  }
  return { grad: rep.map((r) => (-4 * r) / Z), Z };
}

/** Arguments with P empty, so that the gradient is the repulsion alone. */
function repulsionOnly(Y: Float64Array, n: number, D: number, theta: number): TsneGradientArgs {
  return {
    Y, n, dims: D, theta, rowPtr: new Int32Array(n + 1), cols: new Int32Array(0), vals: new Float64Array(0),
    exaggeration: 1, computeKl: 0, threads: 2, grad: new Float64Array(n * D), out: new Float64Array(2),
  };
}

function worstRelative(got: Float64Array, want: Float64Array): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]));
    worst = Math.max(worst, Math.abs(got[i] - want[i]));
  }
  return worst / scale;
}

for (const dims of [2, 3] as const) {
  test(`the grouped Barnes–Hut walk is exact at θ = 0 and close at θ = 0.5 (${dims}D, both kernels)`, async () => {
    const { args } = await problem(700, dims, 11);
    const Y = args().Y;
    const exact = exactRepulsion(Y, 700, dims);
    for (const kernel of native ? [jsTsne, native] : [jsTsne]) {
      const at0 = repulsionOnly(Y, 700, dims, 0);
      kernel.gradient(at0);
      assert.ok(Math.abs(at0.out[0] - exact.Z) <= 1e-10 * exact.Z, `${kernel.name}: Z ${at0.out[0]} vs ${exact.Z}`);
      assert.ok(worstRelative(at0.grad, exact.grad) <= 1e-10, `${kernel.name} at θ = 0: ${worstRelative(at0.grad, exact.grad)}`);
      const half = repulsionOnly(Y, 700, dims, 0.5);
      kernel.gradient(half);
      const err = worstRelative(half.grad, exact.grad);
      // Barnes–Hut at θ = 0.5 is an approximation, but a close one; an error in the walk is far larger.
      assert.ok(err > 0 && err < 0.02, `${kernel.name} at θ = 0.5: largest error ${err} of the largest force`);
      assert.ok(Math.abs(half.out[0] - exact.Z) < 0.005 * exact.Z, `${kernel.name} at θ = 0.5: Z ${half.out[0]} vs ${exact.Z}`);
    }
  });
}

test('points stacked in one leaf, more than one walk serves, repel the rest as the exact sum says', { skip }, () => {
  // 300 points at one place: the tree stops at 40 levels with all of them in one leaf (one group of 300).
  const n = 500;
  const rng = new Rng(4);
  const Y = Float64Array.from({ length: n * 2 }, (_, t) => (t < 600 ? 0.25 : 5 * rng.normal()));
  const exact = exactRepulsion(Y, n, 2);
  for (const threads of [1, 3]) {
    const got = { ...repulsionOnly(Y, n, 2, 0), threads };
    native!.gradient(got);
    assert.ok(Math.abs(got.out[0] - exact.Z) <= 1e-10 * exact.Z, `Z ${got.out[0]} vs ${exact.Z}`);
    assert.ok(worstRelative(got.grad, exact.grad) <= 1e-10, `${threads} threads: ${worstRelative(got.grad, exact.grad)}`);
  }
  const ref = repulsionOnly(Y, n, 2, 0.5);
  jsTsne.gradient(ref);
  const fast = repulsionOnly(Y, n, 2, 0.5);
  native!.gradient(fast);
  assert.ok(worstRelative(fast.grad, ref.grad) <= 1e-9, `native vs reference at θ = 0.5: ${worstRelative(fast.grad, ref.grad)}`);
});

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
