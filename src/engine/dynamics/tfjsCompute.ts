/**
 * The dynamics on TensorFlow.js, with whichever of its backends is installed and works:
 * tfjs-node (TensorFlow's C library, CUDA with tfjs-node-gpu), WebGPU in Node through
 * Dawn (npm `webgpu`; on a GPU's Vulkan, Metal or D3D12 driver, or Mesa's llvmpipe on
 * a CPU), WASM, and tfjs's plain CPU backend. Dense products on the device; W stays
 * there between snapshots, so a snapshot is the only read-back.
 */
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { ComputeProvider, DynamicsCompute, DynamicsProblem, Probe } from './compute.js';
import { importModule, loadTf, TF_NAME, type ModuleLoader, type Tf, type TfjsBackendId } from '../kernels/tfjs.js';

export { importModule, type ModuleLoader, type TfjsBackendId } from '../kernels/tfjs.js';

class TfjsCompute implements DynamicsCompute {
  private p!: DynamicsProblem;
  private W!: Tensor2D;
  private consts: Tensor2D[] = [];

  constructor(readonly id: TfjsBackendId, readonly device: string, private readonly tf: Tf, private readonly limit: number) {}

  async load(problem: DynamicsProblem, W0: Float32Array): Promise<void> {
    const { tf } = this;
    const bytes = problem.V * problem.V * 4;
    if (bytes > this.limit) {
      throw new Error(`${this.device} takes buffers of at most ${(this.limit / 2 ** 20).toFixed(0)} MiB; M* for ${problem.V} words needs ${(bytes / 2 ** 20).toFixed(0)} MiB. Lower the vocabulary, or use the native backend.`);
    }
    await tf.setBackend(TF_NAME[this.id]);
    this.p = problem;
    const m = (a: Float32Array): Tensor2D => tf.tensor2d(a, [problem.V, problem.V], 'float32');
    this.consts = [m(problem.mstar)];
    if (problem.weights) this.consts.push(m(problem.weights));
    if (problem.product) this.consts.push(m(problem.product));
    this.W = tf.tensor2d(W0, [problem.V, problem.d], 'float32');
  }

  /** E·W for the model (see compute.ts). */
  private gradient(W: Tensor2D): Tensor2D {
    const { tf } = this;
    const [M, A, Q] = this.consts;
    switch (this.p.model) {
      case 'qwem':
        return tf.sub(tf.matMul(W, tf.matMul(W, W, true, false)), tf.matMul(M, W));
      case 'qwem-natural':
        return tf.matMul(tf.mul(A, tf.sub(tf.matMul(W, W, false, true), M)), W);
      case 'sgns': {
        const S = tf.matMul(W, W, false, true);
        return tf.matMul(tf.sub(tf.mul(Q, tf.sigmoid(S)), tf.mul(A, tf.sigmoid(tf.neg(S)))), W);
      }
    }
  }

  async steps(count: number, lr: number): Promise<void> {
    const { tf } = this;
    for (let s = 0; s < count; s++) {
      const next = tf.tidy(() => tf.sub(this.W, tf.mul(tf.scalar(lr, 'float32'), this.gradient(this.W)))) as Tensor2D;
      this.W.dispose();
      this.W = next;
    }
    await this.W.data(); // the queue drains here, so time per step is measured honestly
  }

  async snapshot(): Promise<{ W: Float32Array; loss: number }> {
    const { tf } = this;
    const [M, A, Q] = this.consts;
    const loss = tf.tidy(() => {
      const S = tf.matMul(this.W, this.W, false, true);
      if (this.p.model === 'sgns') {
        return tf.mul(0.5, tf.add(tf.sum(tf.mul(A, tf.softplus(tf.neg(S)))), tf.sum(tf.mul(Q, tf.softplus(S)))));
      }
      const r2 = tf.square(tf.sub(S, M));
      return tf.mul(0.25, tf.sum(this.p.model === 'qwem' ? r2 : tf.mul(A, r2)));
    });
    const [W, l] = await Promise.all([this.W.data(), loss.data()]);
    loss.dispose();
    return { W: Float32Array.from(W as Float32Array), loss: l[0] };
  }

  async dispose(): Promise<void> {
    this.W?.dispose();
    for (const t of this.consts) t.dispose();
    this.consts = [];
  }
}

export function tfjsProvider(id: TfjsBackendId, load: ModuleLoader = importModule): ComputeProvider {
  let loaded: Promise<Awaited<ReturnType<typeof loadTf>>> | null = null;
  const once = () => (loaded ??= loadTf(id, load).catch((e: Error) => `${id} failed to load (${e.message.split('\n')[0]})`));
  return {
    id,
    supports: () => true,
    async probe(): Promise<Probe> {
      const r = await once();
      return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, device: r.device, gpu: r.gpu };
    },
    async create() {
      const r = await once();
      if (typeof r === 'string') throw new Error(r);
      return new TfjsCompute(id, r.device, r.tf, r.limit);
    },
  };
}
