/**
 * The tall linear-algebra kernels (sparse × dense products, Gram matrices, products
 * with a small matrix, dot products of rows) on row ranges, so that a pool of threads
 * can share them: this JavaScript reference, and the native one (native/linalg.c).
 * registry.ts chooses.
 */
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';

export interface LinalgKernels {
  name: Backend;
  /** Y[r, :] = Σ_k A[r, c_k] · X[c_k, :] for rows r in [from, to) of A in CSR; X is A.cols × width, Y A.rows × width (row-major). */
  spmm(rowPtr: Float64Array, colIdx: Uint32Array, vals: Float32Array, X: Float64Array | Float32Array, Y: Float64Array, width: number, from: number, to: number): void;
  /** G += Y[from:to]ᵀ · Y[from:to], upper triangle, for Y `width` wide; G is width × width. */
  gram(Y: Float64Array, width: number, from: number, to: number, G: Float64Array): void;
  /** G += Q[from:to]ᵀ · Z[from:to] (width × width, full). */
  cross(Q: Float64Array, Z: Float64Array, width: number, from: number, to: number, G: Float64Array): void;
  /** out[r, :] = Y[r, :] · S for rows [from, to); Y is width wide, S is width × outWidth. */
  rightMultiply(Y: Float64Array, width: number, S: Float64Array, outWidth: number, out: Float64Array, from: number, to: number): void;
  /** out[(i − from)·nq + q] = W[i,:]·Q[q,:] for rows i in [from, to) of W (float32, dim wide). */
  dotRows(W: Float32Array, dim: number, from: number, to: number, Q: Float32Array, nq: number, out: Float32Array): void;
}

function spmmJs(
  rowPtr: Float64Array, colIdx: Uint32Array, vals: Float32Array,
  X: Float64Array | Float32Array, Y: Float64Array, width: number, from: number, to: number,
): void {
  for (let r = from; r < to; r++) {
    const yo = r * width;
    for (let t = 0; t < width; t++) Y[yo + t] = 0;
    const end = rowPtr[r + 1];
    for (let k = rowPtr[r]; k < end; k++) {
      const v = vals[k];
      const xo = colIdx[k] * width;
      for (let t = 0; t < width; t++) Y[yo + t] += v * X[xo + t];
    }
  }
}

function gramJs(Y: Float64Array, width: number, from: number, to: number, G: Float64Array): void {
  for (let r = from; r < to; r++) {
    const o = r * width;
    for (let a = 0; a < width; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      const g = a * width;
      for (let b = a; b < width; b++) G[g + b] += ya * Y[o + b];
    }
  }
}

function crossJs(Q: Float64Array, Z: Float64Array, width: number, from: number, to: number, G: Float64Array): void {
  for (let r = from; r < to; r++) {
    const o = r * width;
    for (let a = 0; a < width; a++) {
      const q = Q[o + a];
      if (q === 0) continue;
      const g = a * width;
      for (let b = 0; b < width; b++) G[g + b] += q * Z[o + b];
    }
  }
}

function rightMultiplyJs(
  Y: Float64Array, width: number, S: Float64Array, outWidth: number, out: Float64Array, from: number, to: number,
): void {
  const row = new Float64Array(outWidth);
  for (let r = from; r < to; r++) {
    row.fill(0);
    const o = r * width;
    for (let a = 0; a < width; a++) {
      const y = Y[o + a];
      if (y === 0) continue;
      const s = a * outWidth;
      for (let b = 0; b < outWidth; b++) row[b] += y * S[s + b];
    }
    out.set(row, r * outWidth);
  }
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
  spmm: spmmJs,
  gram: gramJs,
  cross: crossJs,
  rightMultiply: rightMultiplyJs,
  dotRows: dotRowsJs,
};

/** The native backend, or null when it was not built (or cannot load here). */
export function nativeKernels(): LinalgKernels | null {
  const f = nativeFunctions<Omit<LinalgKernels, 'name'>>(['spmm', 'gram', 'cross', 'rightMultiply', 'dotRows']);
  return f ? { name: 'native', ...f } : null;
}
