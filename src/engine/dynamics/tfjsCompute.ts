/**
 * The dynamics on TensorFlow.js, with whichever of its backends is installed and works:
 * tfjs-node (TensorFlow's C library, CUDA with tfjs-node-gpu), WebGPU in Node through
 * Dawn (npm `webgpu`; on a GPU's Vulkan, Metal or D3D12 driver, or Mesa's llvmpipe on
 * a CPU), WASM, and tfjs's plain CPU backend. Dense products on the device; W stays
 * there between snapshots, so a snapshot is the only read-back.
 */
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { DynamicsBackendId } from '../../shared/types/dynamics.js';
import type { ComputeProvider, DynamicsCompute, DynamicsProblem, Probe } from './compute.js';

type Tf = typeof import('@tensorflow/tfjs-core');
export type TfjsBackendId = Extract<DynamicsBackendId, 'tfjs-node' | 'webgpu' | 'wasm' | 'cpu'>;
/** How modules are loaded: import(), or a stand-in in tests (a package that is not installed, an adapter that is null). */
export type ModuleLoader = (name: string) => Promise<unknown>;
export const importModule: ModuleLoader = (name) => import(name);

const TF_NAME: Record<TfjsBackendId, string> = { 'tfjs-node': 'tensorflow', webgpu: 'webgpu', wasm: 'wasm', cpu: 'cpu' };

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  limits?: { maxStorageBufferBindingSize?: number; maxBufferSize?: number };
}

/** Software Vulkan and WebGPU drivers: a real adapter, but on the CPU. */
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software|warp/i;

/** Installs Dawn's navigator.gpu and returns its adapter, or why there is none. */
async function webgpuAdapter(load: ModuleLoader): Promise<{ adapter: GpuAdapterLike; label: string; gpu: boolean; limit: number } | string> {
  let mod: { create(options: string[]): { requestAdapter(o?: object): Promise<GpuAdapterLike | null> }; globals: object };
  try {
    mod = (await load('webgpu')) as typeof mod;
  } catch (e) {
    return `the npm package "webgpu" does not load (${(e as Error).message.split('\n')[0]})`;
  }
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    Object.assign(globalThis, mod.globals);
    const gpu = mod.create([]);
    if (!g.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  }
  const adapter = await (g.navigator!.gpu as { requestAdapter(o?: object): Promise<GpuAdapterLike | null> }).requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return 'WebGPU finds no adapter (no GPU driver with Vulkan, Metal or D3D12; on Debian 12, Mesa 25 from bookworm-backports gives one on the CPU)';
  const i = adapter.info ?? {};
  const name = [i.vendor, i.description || i.device, i.architecture].filter((x) => x && x.length > 0).join(' ') || 'unnamed adapter';
  const software = SOFTWARE_ADAPTER.test(name);
  const limit = Math.min(adapter.limits?.maxStorageBufferBindingSize ?? 2 ** 27, adapter.limits?.maxBufferSize ?? 2 ** 28);
  return { adapter, label: `WebGPU: ${name}${software ? ' (software, on the CPU)' : ''}`, gpu: !software, limit };
}

/** Loads tfjs and registers the backend; returns tfjs, the device's name and its largest buffer, or why not. */
async function loadTf(id: TfjsBackendId, load: ModuleLoader): Promise<{ tf: Tf; device: string; gpu: boolean; limit: number } | string> {
  let device = '';
  let gpu = false;
  let limit = Infinity;
  if (id === 'webgpu') {
    const a = await webgpuAdapter(load);
    if (typeof a === 'string') return a;
    ({ label: device, gpu, limit } = a);
  }
  let tf: Tf;
  try {
    tf = (await load('@tensorflow/tfjs-core')) as Tf;
    if (id === 'tfjs-node') {
      try {
        await load('@tensorflow/tfjs-node-gpu');
        device = 'tfjs-node-gpu (TensorFlow, CUDA)';
        gpu = true;
      } catch {
        await load('@tensorflow/tfjs-node');
        device = 'tfjs-node (TensorFlow C library, CPU)';
      }
    } else await load(`@tensorflow/tfjs-backend-${id}`);
  } catch (e) {
    const what = id === 'tfjs-node' ? 'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed' : `@tensorflow/tfjs-backend-${id} does not load`;
    return `${what} (${(e as Error).message.split('\n')[0]})`;
  }
  const tfName = TF_NAME[id];
  if (!tf.findBackendFactory(tfName)) return `tfjs has no "${tfName}" backend registered here`;
  try {
    if (!(await tf.setBackend(tfName))) return `tfjs's ${tfName} backend did not start`;
    await tf.ready();
  } catch (e) {
    return `tfjs's ${tfName} backend did not start (${(e as Error).message.split('\n')[0]})`;
  }
  if (id === 'wasm') device = `tfjs WASM${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ' (SIMD)' : ''}`;
  if (id === 'cpu') device = 'tfjs CPU backend (JavaScript)';
  return { tf, device, gpu, limit };
}

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
