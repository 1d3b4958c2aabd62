/** Every kernel backend computes what the JavaScript reference computes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels, nativeKernels, type LinalgKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';

const rng = new Rng(99);
const rand = (n: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal());

function close(a: Float64Array, b: Float64Array, tol = 1e-9): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])), `entry ${i}: ${a[i]} vs ${b[i]}`);
}

const backends: [string, LinalgKernels | null][] = [['native', nativeKernels()]];

for (const [name, k] of backends) {
  test(`${name} kernels agree with the JavaScript reference`, { skip: k ? false : 'native kernels not built on this machine' }, () => {
    const K = k!;
    const rows = 37;
    const cols = 29;
    const width = 13;
    // A random sparse matrix in CSR.
    const rowPtr = new Float64Array(rows + 1);
    const colIdx: number[] = [];
    const vals: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) if (rng.next() < 0.3) {
        colIdx.push(c);
        vals.push(Math.fround(rng.normal()));
      }
      rowPtr[r + 1] = colIdx.length;
    }
    const ci = Uint32Array.from(colIdx);
    const cv = Float32Array.from(vals);
    const X = rand(cols * width);
    const Yref = new Float64Array(rows * width).fill(7);
    const Y = new Float64Array(rows * width).fill(-3);
    jsKernels.spmm(rowPtr, ci, cv, X, Yref, width, 3, 30);
    K.spmm(rowPtr, ci, cv, X, Y, width, 3, 30);
    close(Y.subarray(3 * width, 30 * width), Yref.subarray(3 * width, 30 * width));
    assert.equal(Y[0], -3, 'rows outside the range are untouched');
    // X in floats (the randomized SVD's blocks): the same product of the rounded X, summed in doubles.
    const X32 = Float32Array.from(X);
    const Y32ref = new Float64Array(rows * width);
    const Y32 = new Float64Array(rows * width);
    jsKernels.spmm(rowPtr, ci, cv, X32, Y32ref, width, 0, rows);
    K.spmm(rowPtr, ci, cv, X32, Y32, width, 0, rows);
    close(Y32, Y32ref);
    close(Y32, Float64Array.from(Y32ref, (_, i) => (i >= 3 * width && i < 30 * width ? Yref[i] : Y32ref[i])), 1e-6);

    const T = rand(rows * width);
    const Gref = new Float64Array(width * width);
    const G = new Float64Array(width * width);
    jsKernels.gram(T, width, 2, 35, Gref);
    K.gram(T, width, 2, 35, G);
    close(G, Gref);

    const Q = rand(rows * width);
    const Cref = new Float64Array(width * width);
    const C = new Float64Array(width * width);
    jsKernels.cross(Q, T, width, 0, rows, Cref);
    K.cross(Q, T, width, 0, rows, C);
    close(C, Cref);

    const S = rand(width * 5);
    const Oref = new Float64Array(rows * 5);
    const O = new Float64Array(rows * 5);
    jsKernels.rightMultiply(T, width, S, 5, Oref, 0, rows);
    K.rightMultiply(T, width, S, 5, O, 0, rows);
    close(O, Oref);

    const W32 = Float32Array.from(rand(rows * width));
    const Q32 = Float32Array.from(rand(70 * width)); // more queries than one block of 64
    const Dref = new Float32Array(30 * 70);
    const Dn = new Float32Array(30 * 70);
    jsKernels.dotRows(W32, width, 5, 35, Q32, 70, Dref);
    K.dotRows(W32, width, 5, 35, Q32, 70, Dn);
    close(Float64Array.from(Dn), Float64Array.from(Dref), 1e-5);
  });
}

test('native kernels reject arguments that are not typed arrays', { skip: nativeKernels() ? false : 'native kernels not built' }, () => {
  const K = nativeKernels()!;
  assert.throws(() => (K.gram as unknown as (...a: unknown[]) => void)([1, 2], 1, 0, 1, new Float64Array(1)), /typed arrays expected/);
  const spmm = K.spmm as unknown as (...a: unknown[]) => void;
  assert.throws(() => spmm(new Float64Array(2), new Uint32Array(1), new Float32Array(1), new Int32Array(1), new Float64Array(1), 1, 0, 1), /X must be a Float64Array or a Float32Array/);
});
