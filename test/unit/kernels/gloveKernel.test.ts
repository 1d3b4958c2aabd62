/** The native GloVe kernel computes what the JavaScript reference computes (up to float32 rounding). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsGlove, nativeGlove, type GloveArgs, type GloveState } from '../../../src/engine/kernels/gloveKernel.js';
import { Rng } from '../../../src/engine/base/random.js';

const native = nativeGlove();
const skip = native ? false : 'native kernels not built on this machine';
const STATE = ['W', 'Wt', 'bias', 'biasT', 'gradsq', 'gradsqT', 'gbias', 'gbiasT'] as const;

/** A random model (AdaGrad sums at 1, as glove.c starts) and shuffled entries over V words. */
function problem(seed: number, V: number, dim: number, n: number): GloveArgs {
  const rng = new Rng(seed);
  const init = (m: number, value?: number): Float32Array => Float32Array.from({ length: m }, () => value ?? (rng.next() - 0.5) / dim);
  return {
    W: init(V * dim), Wt: init(V * dim), bias: init(V), biasT: init(V),
    gradsq: init(V * dim, 1), gradsqT: init(V * dim, 1), gbias: init(V, 1), gbiasT: init(V, 1), dim,
    rows: Uint32Array.from({ length: n }, () => Math.floor(rng.next() * V)),
    cols: Uint32Array.from({ length: n }, () => Math.floor(rng.next() * V)),
    // Counts on both sides of xMax, so that both branches of the weighting run.
    vals: Float32Array.from({ length: n }, () => Math.fround(0.5 + rng.next() * 30)),
    from: 0, to: n, xMax: 10, alpha: 0.75, eta: 0.05,
  };
}

/** The same arguments with a copy of the model (the entries are only read). */
function copyOf(a: GloveArgs): GloveArgs {
  const state = Object.fromEntries(STATE.map((k) => [k, a[k].slice()])) as Omit<GloveState, 'dim'>;
  return { ...a, ...state };
}

function assertClose(a: GloveArgs, b: GloveArgs, tol: number, what: string): void {
  for (const k of STATE) {
    for (let i = 0; i < a[k].length; i++) {
      assert.ok(Math.abs(a[k][i] - b[k][i]) <= tol * (1 + Math.abs(b[k][i])), `${what}: ${k}[${i}] ${a[k][i]} (native) vs ${b[k][i]} (js)`);
    }
  }
}

test('native GloVe agrees with the JavaScript reference over several passes, model and cost', { skip }, () => {
  for (const dim of [13, 32]) { // 13: the vectorised loops' remainders run too
    const js = problem(3, 70, dim, 4000);
    const nat = copyOf(js);
    for (let pass = 1; pass <= 4; pass++) {
      const costJs = jsGlove.train(js);
      const costNative = native!.train(nat);
      assert.ok(costJs > 0 && Number.isFinite(costJs));
      assert.ok(Math.abs(costNative - costJs) <= 1e-6 * costJs, `dim ${dim}, pass ${pass}: cost ${costNative} (native) vs ${costJs} (js)`);
      assertClose(nat, js, 1e-5, `dim ${dim}, pass ${pass}`);
    }
    assert.ok(js.W.some((x, i) => x !== copyOf(problem(3, 70, dim, 4000)).W[i]), 'training changed W');
  }
});

test('native GloVe trains only the entries [from, to)', { skip }, () => {
  const V = 40;
  const js = problem(8, V, 8, 1000);
  // Words V-1 and V-2 appear only outside the range: their rows must stay as they were.
  for (let k = 0; k < js.rows.length; k++) {
    const inside = k >= 200 && k < 700;
    if (inside) {
      js.rows[k] %= V - 2;
      js.cols[k] %= V - 2;
    } else if (k % 2) js.rows[k] = V - 1;
    else js.cols[k] = V - 2;
  }
  const nat = copyOf(js);
  const before = copyOf(js);
  for (const a of [js, nat]) {
    a.from = 200;
    a.to = 700;
  }
  const costJs = jsGlove.train(js);
  const costNative = native!.train(nat);
  assert.ok(Math.abs(costNative - costJs) <= 1e-6 * costJs);
  assertClose(nat, js, 1e-5, 'range');
  for (const a of [js, nat]) {
    for (const w of [V - 1, V - 2]) {
      assert.deepEqual(a.W.subarray(w * 8, w * 8 + 8), before.W.subarray(w * 8, w * 8 + 8), `word ${w}'s W row untouched`);
      assert.deepEqual(a.Wt.subarray(w * 8, w * 8 + 8), before.Wt.subarray(w * 8, w * 8 + 8), `word ${w}'s W̃ row untouched`);
      assert.equal(a.bias[w], before.bias[w]);
    }
  }
});

test('native GloVe skips an entry whose error is not finite, as the reference does', { skip }, () => {
  const js = problem(4, 30, 8, 500);
  js.vals[17] = 0; // log 0 = −∞: glove.c's guard skips the entry instead of writing NaN into the model
  js.vals[301] = 0;
  const nat = copyOf(js);
  const costJs = jsGlove.train(js);
  const costNative = native!.train(nat);
  assert.ok(Number.isFinite(costJs) && Number.isFinite(costNative), `cost ${costNative} (native) vs ${costJs} (js)`);
  assert.ok(Math.abs(costNative - costJs) <= 1e-6 * costJs);
  assert.ok(nat.W.every(Number.isFinite) && nat.Wt.every(Number.isFinite), 'no NaN in the native model');
  assertClose(nat, js, 1e-5, 'with zero entries');
});

test('native GloVe rejects a malformed argument object, naming the field', { skip }, () => {
  const a = problem(1, 10, 4, 20);
  const train = native!.train as (x: unknown) => number;
  assert.throws(() => train({ ...a, W: Array.from(a.W) }), /gloveTrain: W is not a Float32Array/);
  assert.throws(() => train({ ...a, rows: undefined }), /gloveTrain: .*rows/);
  assert.throws(() => train({ ...a, to: 21 }), /RangeError|\[from, to\)/);
  assert.throws(() => train({ ...a, dim: 5 }), /V rows of dim floats/);
});
