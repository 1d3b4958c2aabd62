/**
 * The one-second self-check of a backend: a few steps of every model it supports on a
 * small random problem, against the JavaScript reference. A backend that starts but
 * computes wrongly (a broken driver, a bad build) is not offered.
 */
import type { DynamicsModel } from '../../shared/types/dynamics.js';
import { DYNAMICS_MODELS } from '../../shared/types/dynamics.js';
import type { ComputeProvider, DynamicsProblem } from './compute.js';
import { jsProvider } from './jsCompute.js';
import { Rng } from '../base/random.js';
import type { Csr } from '../linalg/csr.js';

/** A symmetric random problem with M* = S − 2·11ᵀ, as real ones are. */
export function randomProblem(model: DynamicsModel, V: number, d: number, seed: number): { problem: DynamicsProblem; W0: Float32Array } {
  const rng = new Rng(seed);
  const mstar = new Float32Array(V * V).fill(-2);
  const rowPtr = new Float64Array(V + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const S = new Float64Array(V * V);
  for (let i = 0; i < V; i++) for (let j = i; j < V; j++) if (rng.next() < 0.3) S[i * V + j] = S[j * V + i] = 1 + 3 * rng.next();
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < V; j++) {
      if (S[i * V + j] === 0) continue;
      cols.push(j);
      vals.push(S[i * V + j]);
      mstar[i * V + j] = S[i * V + j] - 2;
    }
    rowPtr[i + 1] = cols.length;
  }
  const sparse: Csr = { rows: V, cols: V, rowPtr, colIdx: Uint32Array.from(cols), vals: Float32Array.from(vals) };
  let norm = 0;
  for (const m of mstar) norm += m * m;
  const positive = (): Float32Array => Float32Array.from({ length: V * V }, () => 0.5 + rng.next());
  const weights = model === 'qwem' ? undefined : positive();
  const product = model === 'sgns' ? positive() : undefined;
  if (weights) for (let i = 0; i < V; i++) for (let j = 0; j < i; j++) weights[i * V + j] = weights[j * V + i];
  if (product) for (let i = 0; i < V; i++) for (let j = 0; j < i; j++) product[i * V + j] = product[j * V + i];
  const W0 = Float32Array.from({ length: V * d }, () => 0.1 * (rng.next() - 0.5));
  return { problem: { model, V, d, mstar, sparse, mstarNormSquared: norm, weights, product }, W0 };
}

/** The largest difference between the backend's W after `steps` steps and the reference's, relative to W's largest entry. */
export async function compareWithReference(p: ComputeProvider, model: DynamicsModel, V: number, d: number, steps: number, lr: number, seed = 7): Promise<{ dW: number; dLoss: number }> {
  const { problem, W0 } = randomProblem(model, V, d, seed);
  const run = async (provider: ComputeProvider) => {
    const c = await provider.create();
    try {
      await c.load(problem, W0);
      await c.steps(steps, lr);
      return await c.snapshot();
    } finally {
      await c.dispose();
    }
  };
  const [a, b] = [await run(p), await run(jsProvider)];
  let scale = 0;
  let diff = 0;
  for (let k = 0; k < a.W.length; k++) {
    scale = Math.max(scale, Math.abs(b.W[k]));
    diff = Math.max(diff, Math.abs(a.W[k] - b.W[k]));
  }
  return { dW: diff / scale, dLoss: Math.abs(a.loss - b.loss) / Math.max(1e-30, Math.abs(b.loss)) };
}

/**
 * How long a self-check may take. The problem is tiny (a second on the slowest backend here, WebGPU on
 * a software adapter, most of it compiling shaders); a driver that hangs must not hang the probe.
 */
export const SELF_CHECK_LIMIT_MS = 15_000;

/** null when the backend agrees with the reference to float32 accuracy within `limitMs`, else what went wrong. */
export async function selfCheck(p: ComputeProvider, limitMs = SELF_CHECK_LIMIT_MS): Promise<string | null> {
  if (p.id === 'js') return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((done) => {
    timer = setTimeout(() => done(`it did not finish its self-check within ${limitMs / 1000} s (a hung driver?)`), limitMs);
  });
  try {
    return await Promise.race([checkModels(p), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkModels(p: ComputeProvider): Promise<string | null> {
  try {
    for (const model of DYNAMICS_MODELS.filter((m) => p.supports(m))) {
      const { dW, dLoss } = await compareWithReference(p, model, 24, 4, 5, 0.01);
      if (!(dW < 1e-3 && dLoss < 1e-3)) return `${model}: W differs by ${dW.toExponential(1)}, the loss by ${dLoss.toExponential(1)} relative`;
    }
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}
