/**
 * Runs the tall kernels (sparse × dense products, Gram matrices, products with a
 * small matrix) over row ranges on a pool of threads sharing memory. With one
 * thread it runs them inline, which is also the reference for the tests.
 */
import type { Worker } from 'node:worker_threads';
import { QUIET_HEAP, startWorker } from '../base/workers.js';
import type { Csr } from './csr.js';
import { symmetrize } from './dense.js';
import { linalgKernels } from '../kernels/registry.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import type { LinalgOp, LinalgReply, SharedCsr } from './linalgProtocol.js';

export { sharedFloat64 } from './shared.js';

function toShared<T extends Float64Array | Uint32Array | Float32Array>(a: T): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0) return a.buffer;
  const sab = new SharedArrayBuffer(Math.max(8, a.byteLength));
  new (a.constructor as { new (b: SharedArrayBuffer): T })(sab).set(a);
  return sab;
}

function addInto(G: Float64Array, part: Float64Array): void {
  for (let k = 0; k < G.length; k++) G[k] += part[k];
}

export class LinalgPool {
  private readonly workers: Worker[] = [];
  private readonly shared = new WeakMap<Csr, SharedCsr>();

  /** The backend the inline path uses (the threads pick theirs the same way). */
  readonly kernels: LinalgKernels = linalgKernels();

  constructor(readonly threads: number) {
    if (threads > 1) for (let t = 0; t < threads; t++) this.workers.push(startWorker('linalg', { resourceLimits: QUIET_HEAP }));
  }

  /** Y = A · X, with X (A.cols × width, doubles or floats) and Y (A.rows × width) in shared memory. */
  async spmm(A: Csr, X: Float64Array | Float32Array, Y: Float64Array, width: number): Promise<void> {
    if (this.workers.length === 0) return this.kernels.spmm(A.rowPtr, A.colIdx, A.vals, X, Y, width, 0, A.rows);
    const matrix = this.share(A);
    // Cut rows so that every thread gets about the same number of entries.
    const total = A.rowPtr[A.rows];
    const cuts = [0];
    let r = 0;
    for (let t = 1; t < this.workers.length; t++) {
      const target = (total * t) / this.workers.length;
      while (r < A.rows && A.rowPtr[r] < target) r++;
      cuts.push(r);
    }
    cuts.push(A.rows);
    const X32 = X instanceof Float32Array;
    await this.run((t) => ({ op: 'spmm', matrix, X: toShared(X), X32, Y: toShared(Y), width, from: cuts[t], to: cuts[t + 1] }));
  }

  /** YᵀY for Y with `rows` rows and `width` columns. */
  async gram(Y: Float64Array, rows: number, width: number): Promise<Float64Array> {
    let G: Float64Array;
    if (this.workers.length === 0) {
      G = new Float64Array(width * width);
      this.kernels.gram(Y, width, 0, rows, G);
    } else {
      const parts = await this.run((t) => ({ op: 'gram', Y: toShared(Y), width, ...this.range(t, rows) }));
      G = new Float64Array(width * width);
      for (const p of parts) addInto(G, (p as { G: Float64Array }).G);
    }
    symmetrize(G, width);
    return G;
  }

  /** QᵀZ for two tall matrices with the same rows and width. */
  async cross(Q: Float64Array, Z: Float64Array, rows: number, width: number): Promise<Float64Array> {
    const G = new Float64Array(width * width);
    if (this.workers.length === 0) this.kernels.cross(Q, Z, width, 0, rows, G);
    else {
      const parts = await this.run((t) => ({ op: 'cross', Q: toShared(Q), Z: toShared(Z), width, ...this.range(t, rows) }));
      for (const p of parts) addInto(G, (p as { G: Float64Array }).G);
    }
    return G;
  }

  /** out = Y · S, with S small (width × outWidth). */
  async rightMultiply(Y: Float64Array, rows: number, width: number, S: Float64Array, outWidth: number, out: Float64Array): Promise<void> {
    if (this.workers.length === 0) return this.kernels.rightMultiply(Y, width, S, outWidth, out, 0, rows);
    await this.run((t) => ({ op: 'rightMultiply', Y: toShared(Y), width, S, outWidth, out: toShared(out), ...this.range(t, rows) }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private range(t: number, rows: number): { from: number; to: number } {
    const n = this.workers.length;
    return { from: Math.floor((rows * t) / n), to: Math.floor((rows * (t + 1)) / n) };
  }

  private share(A: Csr): SharedCsr {
    let s = this.shared.get(A);
    if (!s) {
      s = { rows: A.rows, cols: A.cols, rowPtr: toShared(A.rowPtr), colIdx: toShared(A.colIdx), vals: toShared(A.vals) };
      this.shared.set(A, s);
    }
    return s;
  }

  private run(make: (t: number) => LinalgOp): Promise<LinalgReply[]> {
    return Promise.all(
      this.workers.map(
        (w, t) =>
          new Promise<LinalgReply>((resolve, reject) => {
            w.once('message', (r: LinalgReply) => (r.ok ? resolve(r) : reject(new Error(r.message))));
            w.postMessage(make(t));
          }),
      ),
    );
  }
}
