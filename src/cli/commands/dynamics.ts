/** dynamics <corpus>, dynamics backends, dynamics spectrum <corpus>: the learning dynamics (a 'dynamics' run) from the command line. */
import { DYNAMICS_BACKENDS, type MethodInfo, type RunDetail } from '../../shared/contract.js';
import { idAt, intFlag, stringFlag, UsageError } from '../args.js';
import { fmt, followJob, type Command } from '../context.js';
import { optionFlagSpecs, optionValuesFromFlags } from '../optionFlags.js';
import type { Lab } from '../../engine/lab.js';

const dynamicsMethod = async (lab: Lab): Promise<MethodInfo> => (await lab.call('method.list', {})).find((m) => m.id === 'dynamics')!;

/** One mode that rose: when it did, and when the theory said it would. */
interface ModeStep {
  step: number;
  mode: number;
  predicted: number | null;
  eigenvalue: number;
}

/** What a dynamics run learned, as `dynamics --json` prints it. */
export interface DynamicsReport {
  run: number;
  corpus: number | null;
  model: unknown;
  vocab: number;
  dim: number;
  init: number;
  lr: number;
  totalSteps: number;
  backend: string | undefined;
  device: string | null;
  chosenBecause: string | null;
  gpu: boolean;
  steps: ModeStep[];
  distinctSteps: number;
  orderMatches: boolean;
  firstTenWithin25: number;
  overlap: number;
  msPerStep: number;
  seconds: number | null;
}

const numbers = (x: unknown): number[] => (Array.isArray(x) ? x.map(Number) : []);
const tenth = (x: number): number => Math.round(x * 10) / 10;

/** What the run learned: the backend, each mode's observed and predicted step, the overlap, the time per step. */
export function dynamicsReport(run: RunDetail): DynamicsReport {
  const m = run.metrics;
  const observed = numbers(run.series.observedRise);
  const predicted = numbers(run.series.predictedRise);
  const eig = numbers(run.series.eigenvalues);
  const steps = observed
    .map((step, mode) => ({ step: tenth(step), mode, predicted: predicted[mode] >= 0 ? tenth(predicted[mode]) : null, eigenvalue: eig[mode] }))
    .filter((x) => x.step >= 0)
    .sort((a, b) => a.step - b.step);
  const line = /\] backend: (\S+) — (.*) \((.*)\)$/m.exec(run.log);
  return {
    run: run.id, corpus: run.corpusId, model: run.params.model, vocab: m.vocab, dim: m.dim, init: m.init, lr: m.lr, totalSteps: m.steps,
    backend: DYNAMICS_BACKENDS[m.backendIndex] ?? line?.[1], device: line?.[2] ?? null, chosenBecause: line?.[3] ?? null, gpu: m.gpu === 1,
    steps, distinctSteps: m.distinctSteps, orderMatches: m.orderMatches === 1, firstTenWithin25: m.firstTenWithin25,
    overlap: m.overlap, msPerStep: m.msPerStep, seconds: run.seconds,
  };
}

function describe(r: DynamicsReport): string {
  const steps = r.steps.map((s) => `    mode ${String(s.mode + 1).padStart(3)}  λ ${s.eigenvalue.toFixed(2).padStart(9)}  step ${String(s.step).padStart(8)}  predicted ${s.predicted ?? '—'}`);
  return [
    `Run ${r.run}: ${String(r.model)} dynamics, V = ${r.vocab}, d = ${r.dim}, σ₀ = ${r.init}, lr ${r.lr.toExponential(3)}, ${fmt(r.totalSteps)} steps`,
    `  backend: ${r.backend} — ${r.device} (${r.chosenBecause}); ${r.msPerStep.toFixed(3)} ms per step`,
    `  ${steps.length} modes rose, ${r.distinctSteps} distinct steps; order ${r.orderMatches ? 'matches' : 'does not match'} the eigenvalues'; ${r.firstTenWithin25} of the first 10 within 25% of the theory`,
    ...steps,
    `  subspace overlap with M*'s top-${r.dim} eigenvectors: ${r.overlap.toFixed(4)}`,
  ].join('\n');
}

export const dynamicsCommands: Command[] = [
  {
    name: 'dynamics backends',
    usage: 'dynamics backends          the compute backends of the dynamics: which work here, on what device',
    flags: () => [],
    async run(ctx) {
      const list = await ctx.lab.call('dynamics.backends', {});
      ctx.print(list, () => list.map((b) => `  ${b.id.padEnd(10)} ${b.available ? `${b.device}${b.gpu ? ' [GPU]' : ''}` : `unavailable: ${b.reason}`}  (models: ${b.models.join(', ')})`).join('\n'));
      return 0;
    },
  },
  {
    name: 'dynamics spectrum',
    usage: 'dynamics spectrum <corpus> [--vocab V] [--modes K] [--words N]   M*\'s top eigenvalues and the top words of each eigenvector',
    flags: () => ['vocab', 'modes', 'words', 'min-count', 'window'].map((name) => ({ name, kind: 'int' as const, min: 1, max: 1e9 })),
    async run(ctx) {
      const { args } = ctx;
      const sp = await ctx.lab.call('dynamics.spectrum', {
        corpusId: idAt(args, 2, 'corpus'), vocab: intFlag(args, 'vocab'), modes: intFlag(args, 'modes'), words: intFlag(args, 'words'),
        minCount: intFlag(args, 'min-count'), window: intFlag(args, 'window'),
      });
      ctx.print(sp, () => [
        `M* of corpus ${sp.corpusId} over ${sp.vocab} words; its most extreme eigenvalue is ${sp.extremeEigenvalue.toFixed(2)} (negative modes are never learned)`,
        ...sp.modes.map((m) => `  ${String(m.mode + 1).padStart(3)}  λ ${m.value.toFixed(3).padStart(10)}   + ${m.positive.map((w) => w.word).join(' ')}   − ${m.negative.map((w) => w.word).join(' ')}`),
      ].join('\n'));
      return 0;
    },
  },
  {
    name: 'dynamics',
    usage: 'dynamics <corpus> [--model qwem|qwem-natural|sgns] [--vocab V] [--dim d] [--init 1e-6] [--steps N] [--lr X] [--backend auto|webgpu|tfjs-node|wasm|cpu|native|js]',
    details: 'Trains a stored "dynamics" run and prints the backend, each mode\'s step against the theory, the overlap and the time per step.',
    flags: async (lab) => [{ name: 'name', kind: 'string' }, ...optionFlagSpecs((await dynamicsMethod(lab)).options)],
    async run(ctx) {
      const { lab, args } = ctx;
      const method = await dynamicsMethod(lab);
      if (args.positionals.length < 2) throw new UsageError('dynamics needs a corpus id (see `corpus list`).');
      const corpusId = idAt(args, 1, 'corpus');
      const params = optionValuesFromFlags(method.options, args, new Set(['name', 'db', 'json']), 'dynamics');
      const job = await lab.call('run.start', { corpusId, method: 'dynamics', params, name: stringFlag(args, 'name') });
      const final = await followJob(ctx, job, { throwUnlessDone: false });
      const run = await lab.call('run.get', { id: job.subject!.runId });
      if (final.status !== 'done') throw new Error(final.status === 'cancelled' ? `Cancelled; run ${run.id} is marked cancelled.` : (final.error ?? 'The run failed.'));
      const report = dynamicsReport(run);
      ctx.print(report, () => describe(report));
      return 0;
    },
  },
];

