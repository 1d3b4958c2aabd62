/**
 * TensorFlow.js as a kernel backend: loads tfjs with one of its backends (tfjs-node,
 * CUDA with tfjs-node-gpu; WebGPU in Node through Dawn, npm `webgpu`, on a GPU's Vulkan,
 * Metal or D3D12 driver or Mesa's llvmpipe on a CPU; WASM; tfjs's plain CPU backend)
 * and says on what device, or why it cannot. The dynamics and the minibatch SGNS
 * trainer both start here.
 */
import type { DynamicsBackendId } from '../../shared/types/dynamics.js';

export type Tf = typeof import('@tensorflow/tfjs-core');
export type TfjsBackendId = Extract<DynamicsBackendId, 'tfjs-node' | 'webgpu' | 'wasm' | 'cpu'>;
/** TensorFlow.js's backends, in the order they are tried: a GPU first. */
export const TFJS_BACKENDS: readonly TfjsBackendId[] = ['tfjs-node', 'webgpu', 'wasm', 'cpu'];

/** Whether a backend works here, and on what device. */
export type Probe = { ok: true; device: string; gpu: boolean } | { ok: false; reason: string };
/** How modules are loaded: import(), or a stand-in in tests (a package that is not installed, an adapter that is null). */
export type ModuleLoader = (name: string) => Promise<unknown>;
export const importModule: ModuleLoader = (name) => import(name);

export const TF_NAME: Record<TfjsBackendId, string> = { 'tfjs-node': 'tensorflow', webgpu: 'webgpu', wasm: 'wasm', cpu: 'cpu' };

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
export async function loadTf(id: TfjsBackendId, load: ModuleLoader): Promise<{ tf: Tf; device: string; gpu: boolean; limit: number } | string> {
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

