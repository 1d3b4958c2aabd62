/**
 * One dynamics run: from W₀ = N(0, σ₀²/d) take full-batch gradient steps on the chosen
 * backend, and at every snapshot measure W against M*'s eigenvectors (energy per mode,
 * singular values, effective rank, subspace overlap, loss). Then find each mode's rise
 * and compare it with the theory.
 */
import { Rng } from '../base/random.js';
import { Cancelled, Diverged } from '../base/errors.js';
import type { ProgressSink } from '../base/progress.js';
import { DYNAMICS_BACKENDS, type DynamicsBackendChoice, type DynamicsModel } from '../../shared/types/dynamics.js';
import type { ComputeProvider, DynamicsProblem } from './compute.js';
import { qwemLossFromParts } from './compute.js';
import { chooseBackend } from './backends.js';
import { crossing, distinctSteps, effectiveRank, gramOf, modeEnergies, projectOnto, squaredSingularValues, subspaceOverlap, type ObservedStep } from './measure.js';
import { defaultLearningRate, defaultSteps, predictedCurve, predictedRiseStep, startEnergy } from './theory.js';
import type { MstarSpectrum } from './problem.js';

export interface DynamicsSettings {
  model: DynamicsModel;
  init: number;
  /** 0: defaultLearningRate. */
  lr: number;
  /** 0: defaultSteps. */
  steps: number;
  backend: DynamicsBackendChoice;
  snapshots: number;
  seed: number;
}

export interface DynamicsHooks {
  providers: ComputeProvider[];
  signal: AbortSignal;
  progress: ProgressSink;
  log(line: string): void;
}

export interface DynamicsOutcome {
  W: Float32Array;
  backend: { id: (typeof DYNAMICS_BACKENDS)[number]; device: string; gpu: boolean; why: string };
  series: Record<string, number[] | [number, number][]>;
  metrics: Record<string, number>;
  steps: ObservedStep[];
}

/** ¼‖WWᵀ − M*‖² in float64 from the sparse M* (every backend's qwem loss is measured the same way). */
function qwemLoss(p: DynamicsProblem, W: Float32Array): number {
  const { V, d, sparse: S } = p;
  const colSums = new Float64Array(d);
  for (let i = 0; i < V; i++) for (let t = 0; t < d; t++) colSums[t] += W[i * d + t];
  let wmw = 0;
  for (let i = 0; i < V; i++) {
    for (let t = 0; t < d; t++) {
      let y = -2 * colSums[t];
      for (let k = S.rowPtr[i]; k < S.rowPtr[i + 1]; k++) y += S.vals[k] * W[S.colIdx[k] * d + t];
      wmw += W[i * d + t] * y;
    }
  }
  return qwemLossFromParts(gramOf(W, V, d), wmw, p.mstarNormSquared);
}

/** The theory on the snapshot grid, and each mode's observed rise against the predicted one. */
function compareWithTheory(lambda: number[], steps: number[], energy: number[], init: number, lr: number, total: number, d: number) {
  const theory: number[] = new Array(steps.length * d);
  const predicted: number[] = [];
  const observed: number[] = [];
  const found: ObservedStep[] = [];
  for (let k = 0; k < d; k++) {
    const x0 = startEnergy(init, k, d);
    const curve = predictedCurve(lambda[k], x0, lr, total);
    steps.forEach((n, i) => (theory[i * d + k] = curve[n]));
    const pr = predictedRiseStep(lambda[k], x0, lr, Math.max(total * 4, 1000));
    const column = steps.map((_, i) => energy[i * d + k]);
    const ob = lambda[k] > 0 ? crossing(steps, column, lambda[k]) : null;
    predicted.push(pr ?? -1);
    observed.push(ob ?? -1);
    if (ob !== null) found.push({ step: ob, mode: k, predicted: pr });
  }
  found.sort((a, b) => a.step - b.step);
  const first = Math.min(10, d);
  const firstTen = found.filter((f) => f.mode < first);
  // The modes among the first ten that rose within the run, in the order they rose, against eigenvalue order.
  const orderMatches = firstTen.length > 0 && firstTen.every((f, i) => i === 0 || f.mode > firstTen[i - 1].mode) ? 1 : 0;
  const within = firstTen.filter((f) => f.predicted !== null && Math.abs(f.step - f.predicted) <= 0.25 * f.predicted).length;
  return { theory, predicted, observed, found, first, firstTen, orderMatches, within };
}

export async function runDynamics(problem: DynamicsProblem, spectrum: MstarSpectrum, s: DynamicsSettings, hooks: DynamicsHooks): Promise<DynamicsOutcome> {
  const { V, d } = problem;
  const lambda = Array.from(spectrum.values.subarray(0, d));
  const lr = s.lr > 0 ? s.lr : defaultLearningRate(spectrum.extreme);
  const total = s.steps > 0 ? s.steps : Math.min(1_000_000, defaultSteps(lambda, d, s.init, lr));
  hooks.log(`M*: top eigenvalue ${lambda[0].toFixed(3)}, d-th ${lambda[d - 1].toFixed(3)}, most extreme ${spectrum.extreme.toFixed(3)}; lr ${lr.toExponential(3)}${s.lr > 0 ? '' : ' (0.5/max|λ|)'}, ${total} steps${s.steps > 0 ? '' : ' (5× the last predicted rise)'}`);

  const rng = new Rng(s.seed);
  const W0 = Float32Array.from({ length: V * d }, () => (s.init / Math.sqrt(d)) * rng.normal());
  const chosen = await chooseBackend(s.backend, s.model, problem, W0, lr, hooks.providers, hooks.log);
  const compute = chosen.compute;
  const gpu = (await hooks.providers.find((p) => p.id === compute.id)!.probe()) as { gpu?: boolean };
  hooks.log(`backend: ${compute.id} — ${compute.device} (${chosen.why})`);

  const every = Math.max(1, Math.ceil(total / Math.max(1, s.snapshots)));
  const steps: number[] = [];
  const loss: [number, number][] = [];
  const effRank: [number, number][] = [];
  const overlap: [number, number][] = [];
  const energy: number[] = [];
  const singular: number[] = [];
  const floor = 0.25 * (problem.mstarNormSquared - lambda.reduce((a, l) => a + Math.max(l, 0) ** 2, 0));
  let W: Float32Array = W0;
  let stepMs = 0;
  hooks.progress.phase('steps', total, 'steps');
  try {
    for (let n = 0; ; ) {
      const snap = await compute.snapshot();
      W = snap.W;
      const l = problem.model === 'qwem' ? qwemLoss(problem, W) : snap.loss;
      if (!Number.isFinite(l)) throw new Diverged(`The ${s.model} dynamics at step ${n}`);
      const P = projectOnto(spectrum.vectors, spectrum.values.length, W, V, d);
      const G = gramOf(W, V, d);
      const sq = squaredSingularValues(G, d);
      const e = modeEnergies(P, spectrum.values.length, d).subarray(0, d);
      const o = subspaceOverlap(P, spectrum.values.length, G, d);
      steps.push(n);
      loss.push([n, l]);
      effRank.push([n, effectiveRank(sq)]);
      overlap.push([n, o]);
      energy.push(...e);
      singular.push(...sq);
      const learned = lambda.filter((x, k) => x > 0 && e[k] >= x / 2).length;
      hooks.progress.update(n, { step: n, loss: l, excessLoss: l - floor, effectiveRank: effRank[effRank.length - 1][1], learned, overlap: o });
      if (n >= total) break;
      if (hooks.signal.aborted) throw new Cancelled();
      const count = Math.min(every, total - n);
      const t0 = performance.now();
      await compute.steps(count, lr);
      stepMs += performance.now() - t0;
      n += count;
    }
  } finally {
    await compute.dispose();
  }

  const { theory, predicted, observed, found, first, firstTen, orderMatches, within } = compareWithTheory(lambda, steps, energy, s.init, lr, total, d);
  const finalOverlap = overlap[overlap.length - 1][1];
  const msPerStep = stepMs / Math.max(1, total);
  hooks.log(`steps: ${found.length} of ${d} modes rose (${distinctSteps(found)} distinct); order of the ${firstTen.length} of the first ${first} that rose ${orderMatches ? 'matches' : 'does not match'} the eigenvalues'; ${within} of ${first} within 25% of the theory; overlap ${finalOverlap.toFixed(4)}; ${msPerStep.toFixed(3)} ms per step`);
  return {
    W,
    backend: { id: compute.id, device: compute.device, gpu: gpu.gpu === true, why: chosen.why },
    steps: found,
    series: {
      snapshotSteps: steps, loss, excessLoss: loss.map(([n, l]) => [n, l - floor] as [number, number]), effectiveRank: effRank, overlap,
      modeEnergy: energy, singularValuesSquared: singular, theoryEnergy: theory, eigenvalues: lambda, predictedRise: predicted, observedRise: observed,
    },
    metrics: {
      overlap: finalOverlap, msPerStep, steps: total, lr, init: s.init, vocab: V, dim: d, distinctSteps: distinctSteps(found),
      modesRisen: found.length, orderMatches, firstTenWithin25: within, backendIndex: DYNAMICS_BACKENDS.indexOf(compute.id), gpu: gpu.gpu === true ? 1 : 0,
      lossFloor: floor,
      ...Object.fromEntries(Object.entries(chosen.timings).map(([id, ms]) => [`autoMs.${id}`, ms])),
    },
  };
}
