/**
 * Which compute backend runs the dynamics. Each provider is probed (installed, starts,
 * and agrees with the JavaScript reference on a small problem); `auto` takes a GPU
 * when there is one, else times the CPU paths that work on the run's own problem and
 * takes the fastest. An explicit choice that is not available is refused, naming what is.
 */
import { LabError } from '../../shared/labError.js';
import { DYNAMICS_BACKENDS, type DynamicsBackendChoice, type DynamicsBackendId, type DynamicsBackendInfo, type DynamicsModel, DYNAMICS_MODELS } from '../../shared/types/dynamics.js';
import type { ComputeProvider, DynamicsCompute, DynamicsProblem } from './compute.js';
import { jsProvider } from './jsCompute.js';
import { nativeProvider } from './nativeCompute.js';
import { importModule, tfjsProvider, type ModuleLoader } from './tfjsCompute.js';
import { selfCheck } from './selfCheck.js';

export interface ProviderOptions {
  load?: ModuleLoader;
  threads?: number;
}

export function allProviders(o: ProviderOptions = {}): ComputeProvider[] {
  const load = o.load ?? importModule;
  return DYNAMICS_BACKENDS.map((id) =>
    id === 'js' ? jsProvider : id === 'native' ? nativeProvider(o.threads) : tfjsProvider(id, load));
}

/** Every backend: whether it works here (installed, starts, passes the self-check), on what device, for which models. */
export async function describeBackends(providers: ComputeProvider[], checkLimitMs?: number): Promise<DynamicsBackendInfo[]> {
  const out: DynamicsBackendInfo[] = [];
  for (const p of providers) {
    const models = DYNAMICS_MODELS.filter((m) => p.supports(m));
    const probe = await p.probe();
    if (!probe.ok) {
      out.push({ id: p.id, available: false, reason: probe.reason, gpu: false, models });
      continue;
    }
    const check = await selfCheck(p, checkLimitMs);
    out.push(check === null
      ? { id: p.id, available: true, device: probe.device, gpu: probe.gpu, models }
      : { id: p.id, available: false, reason: `${probe.device} failed its self-check: ${check}`, gpu: probe.gpu, models });
  }
  return out;
}

export interface ChosenBackend {
  compute: DynamicsCompute;
  /** Why this one: "asked for", "the GPU", or the timings that chose it. */
  why: string;
  /** ms per step of every CPU path timed by `auto`. */
  timings: Partial<Record<DynamicsBackendId, number>>;
}

async function timeSteps(c: DynamicsCompute, problem: DynamicsProblem, W0: Float32Array, lr: number): Promise<number> {
  await c.load(problem, W0);
  await c.steps(2, lr); // warm-up: shader compilation, threads starting, first allocations
  let n = 0;
  const t0 = performance.now();
  while (n < 5 && (n === 0 || performance.now() - t0 < 300)) {
    await c.steps(1, lr);
    n++;
  }
  return (performance.now() - t0) / n;
}

/** Loads the chosen backend with the problem and W₀; the caller runs and disposes it. */
export async function chooseBackend(
  choice: DynamicsBackendChoice, model: DynamicsModel, problem: DynamicsProblem, W0: Float32Array, lr: number,
  providers: ComputeProvider[], log: (line: string) => void = () => {},
): Promise<ChosenBackend> {
  const info = await describeBackends(providers);
  const usable = info.filter((b) => b.available && b.models.includes(model));
  const providerOf = (id: DynamicsBackendId): ComputeProvider => providers.find((p) => p.id === id)!;
  if (choice !== 'auto') {
    const b = info.find((x) => x.id === choice);
    if (!b || !b.available || !b.models.includes(model)) {
      const why = !b ? 'it is not one of the backends' : !b.available ? b.reason : `it does not run the ${model} model (it runs ${b.models.join(', ')})`;
      throw new LabError(`Backend ${choice} is not available here: ${why}. Available for ${model}: ${usable.map((x) => x.id).join(', ')}.`, 'invalid', 'backend');
    }
    const compute = await providerOf(choice).create();
    await compute.load(problem, W0);
    return { compute, why: 'chosen', timings: {} };
  }
  for (const b of info) if (!b.available) log(`backend ${b.id}: not available (${b.reason})`);
  const gpu = usable.find((b) => b.gpu);
  if (gpu) {
    const compute = await providerOf(gpu.id).create();
    await compute.load(problem, W0);
    return { compute, why: 'the GPU', timings: {} };
  }
  // No GPU: time the CPU paths (software WebGPU included) on this problem; the JS reference only when nothing else works.
  const candidates = usable.filter((b) => b.id !== 'js');
  if (candidates.length === 0) {
    const compute = await jsProvider.create();
    await compute.load(problem, W0);
    return { compute, why: 'the only backend that works here', timings: {} };
  }
  const timings: Partial<Record<DynamicsBackendId, number>> = {};
  let best: { id: DynamicsBackendId; ms: number; compute: DynamicsCompute } | null = null;
  for (const b of candidates) {
    const c = await providerOf(b.id).create();
    try {
      const ms = await timeSteps(c, problem, W0, lr);
      timings[b.id] = ms;
      log(`backend ${b.id} (${c.device}): ${ms.toFixed(2)} ms per step`);
      if (!best || ms < best.ms) {
        if (best) await best.compute.dispose();
        best = { id: b.id, ms, compute: c };
        continue;
      }
    } catch (e) {
      log(`backend ${b.id}: ${(e as Error).message}`);
    }
    await c.dispose();
  }
  if (!best) throw new LabError(`No backend could run this problem (${candidates.map((b) => b.id).join(', ')} were tried; see the log).`, 'invalid', 'backend');
  await best.compute.load(problem, W0); // back to W₀: the timing steps moved it
  return { compute: best.compute, why: `fastest of ${Object.keys(timings).join(', ')} on this problem`, timings };
}
