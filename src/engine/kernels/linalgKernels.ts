/**
 * The tall linear-algebra kernels behind one interface, with two backends:
 * native (native/kernels.c, built at install) and JavaScript (the reference,
 * always available). EMBEDLAB_KERNELS=js forces the JavaScript one.
 */
import { spmmRows } from '../linalg/csr.js';
import { crossRows, gramRows, rightMultiplyRows } from '../linalg/dense.js';
import { nativeFunctions } from './nativeModule.js';

export interface LinalgKernels {
  name: 'native' | 'js';
  spmm(rowPtr: Float64Array, colIdx: Uint32Array, vals: Float32Array, X: Float64Array, Y: Float64Array, width: number, from: number, to: number): void;
  gram(Y: Float64Array, width: number, from: number, to: number, G: Float64Array): void;
  cross(Q: Float64Array, Z: Float64Array, width: number, from: number, to: number, G: Float64Array): void;
  rightMultiply(Y: Float64Array, width: number, S: Float64Array, outWidth: number, out: Float64Array, from: number, to: number): void;
  /** out[(i − from)·nq + q] = W[i,:]·Q[q,:] for rows i in [from, to) of W (float32, dim wide). */
  dotRows(W: Float32Array, dim: number, from: number, to: number, Q: Float32Array, nq: number, out: Float32Array): void;
}

function dotRowsJs(W: Float32Array, dim: number, from: number, to: number, Q: Float32Array, nq: number, out: Float32Array): void {
  for (let i = from; i < to; i++) {
    const w = i * dim;
    const o = (i - from) * nq;
    for (let q = 0; q < nq; q++) {
      const v = q * dim;
      let acc = 0;
      for (let t = 0; t < dim; t++) acc += W[w + t] * Q[v + t];
      out[o + q] = acc;
    }
  }
}

export const jsKernels: LinalgKernels = {
  name: 'js',
  spmm: spmmRows,
  gram: gramRows,
  cross: crossRows,
  rightMultiply: rightMultiplyRows,
  dotRows: dotRowsJs,
};

let loaded: LinalgKernels | null | undefined;

/** The native backend, or null when it was not built (or cannot load here). */
export function nativeKernels(): LinalgKernels | null {
  if (loaded === undefined) {
    const f = nativeFunctions<Omit<LinalgKernels, 'name'>>(['spmm', 'gram', 'cross', 'rightMultiply', 'dotRows']);
    loaded = f ? { name: 'native', ...f } : null;
  }
  return loaded;
}

export function linalgKernels(): LinalgKernels {
  if (process.env.EMBEDLAB_KERNELS === 'js') return jsKernels;
  return nativeKernels() ?? jsKernels;
}
