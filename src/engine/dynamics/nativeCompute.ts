/**
 * The dynamics on the project's own CPU kernels (the kernel registry's linalg family,
 * native where it is built): the reweighted QWEM step without any V × V matrix,
 *   E·W = W(WᵀW) − M*W,  M*W = S·W − 2·1(1ᵀW),
 * with S sparse. On a machine without a GPU this is the fast path; the other models
 * need a dense Hadamard product and run on tfjs or the reference.
 */
import { availableParallelism } from 'node:os';
import { LinalgPool } from '../linalg/pool.js';
import { sharedFloat64 } from '../linalg/shared.js';
import { qwemLossFromParts, type ComputeProvider, type DynamicsCompute, type DynamicsProblem } from './compute.js';

/** Y = M*·W for M* = S − 2·11ᵀ. */
async function mstarTimes(pool: LinalgPool, p: DynamicsProblem, W: Float64Array, Y: Float64Array): Promise<void> {
  const { V, d } = p;
  await pool.spmm(p.sparse, W, Y, d);
  const colSums = new Float64Array(d);
  for (let i = 0; i < V; i++) for (let t = 0; t < d; t++) colSums[t] += W[i * d + t];
  for (let i = 0; i < V; i++) for (let t = 0; t < d; t++) Y[i * d + t] -= 2 * colSums[t];
}

class NativeCompute implements DynamicsCompute {
  readonly id = 'native' as const;
  readonly device: string;
  private p!: DynamicsProblem;
  private W!: Float64Array;
  private MW!: Float64Array;
  private WG!: Float64Array;

  constructor(private readonly pool: LinalgPool) {
    this.device = `${pool.kernels.name === 'native' ? 'native CPU kernels' : 'JavaScript CPU kernels'}, ${Math.max(1, pool.threads)} thread${pool.threads > 1 ? 's' : ''}`;
  }

  async load(problem: DynamicsProblem, W0: Float32Array): Promise<void> {
    if (problem.model !== 'qwem') throw new Error(`The native backend runs the reweighted QWEM model only, not ${problem.model}.`);
    this.p = problem;
    const n = problem.V * problem.d;
    this.W = sharedFloat64(n);
    this.W.set(W0);
    this.MW = sharedFloat64(n);
    this.WG = sharedFloat64(n);
  }

  async steps(count: number, lr: number): Promise<void> {
    const { V, d } = this.p;
    for (let s = 0; s < count; s++) {
      await mstarTimes(this.pool, this.p, this.W, this.MW);
      const G = await this.pool.gram(this.W, V, d);
      await this.pool.rightMultiply(this.W, V, d, G, d, this.WG);
      const W = this.W, MW = this.MW, WG = this.WG;
      for (let k = 0; k < W.length; k++) W[k] -= lr * (WG[k] - MW[k]);
    }
  }

  async snapshot(): Promise<{ W: Float32Array; loss: number }> {
    const { V, d } = this.p;
    await mstarTimes(this.pool, this.p, this.W, this.MW);
    const G = await this.pool.gram(this.W, V, d);
    let wmw = 0;
    for (let k = 0; k < this.W.length; k++) wmw += this.W[k] * this.MW[k];
    return { W: Float32Array.from(this.W), loss: qwemLossFromParts(G, wmw, this.p.mstarNormSquared) };
  }

  async dispose(): Promise<void> {
    await this.pool.close();
  }
}

export const nativeProvider = (threads = 0): ComputeProvider => ({
  id: 'native',
  supports: (model) => model === 'qwem',
  async probe() {
    const pool = new LinalgPool(1);
    const name = pool.kernels.name;
    await pool.close();
    return name === 'native'
      ? { ok: true, device: 'native CPU kernels', gpu: false }
      : { ok: false, reason: 'the native kernels are not built here (npm run build:native), or EMBEDLAB_KERNELS=js chose JavaScript' };
  },
  create: async () => new NativeCompute(new LinalgPool(threads > 0 ? threads : Math.min(availableParallelism(), 8))),
});
