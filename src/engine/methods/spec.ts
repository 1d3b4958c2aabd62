/**
 * What a training method is: an id, its options, and a train function. The
 * option list is the only place an option exists: the CLI's flags, the UI's
 * form, validation and the stored run parameters all come from it.
 */
import type { Checkpoint, CheckpointArray } from '../store/checkpoints.js';
import type { MethodInfo } from '../../shared/contract.js';
import { defineOptions, parseOptions, type OptionRecord, type OptionSpec, type OptionValues } from '../../shared/options.js';
import type { Db } from '../store/db.js';
import type { ProgressSink } from '../base/progress.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';

/** Parameters of a run whose method is not known statically (stored rows, the job table). */
export type Params = OptionRecord;

export interface TrainContext<P = Params> {
  db: Db;
  corpusId: number;
  /** The run's parameters, checked against the method's options and typed from them. */
  params: P;
  progress: ProgressSink;
  signal: AbortSignal;
  /** Appends a line to the run's log. */
  log(line: string): void;
  /** Runs one named phase and records its wall time. */
  phase<T>(name: string, work: () => Promise<T> | T): Promise<T>;
  /** Training checkpoints, for methods that can resume (MethodSpec.checkpoints). */
  checkpoint: Checkpointer;
}

export interface Checkpointer {
  /** The checkpoint this run resumes from; null when it starts from the beginning. */
  resumed: Checkpoint | null;
  /** Replaces the run's checkpoint (one transaction): `progress` for people, `state` (JSON) and the arrays to continue from. */
  save(progress: string, state: object, arrays: Record<string, CheckpointArray>): void;
}

/** For work that borrows a method's phases outside a run (the dynamics' spectrum, benchmarks, tests): nothing to resume, nothing saved. */
export const NO_CHECKPOINTS: Checkpointer = { resumed: null, save() {} };

export interface TrainResult {
  vectors: TrainedVectors;
  series: Record<string, number[] | [number, number][]>;
  metrics: Record<string, number>;
}

/** A method whose option types are known: train() sees its parameters typed from `options`. */
export interface MethodDefinition<S extends readonly OptionSpec[]> {
  id: string;
  label: string;
  summary: string;
  options: S;
  /** Saves checkpoints at least once per epoch, so that run.resume continues where it stopped (else it starts again). */
  checkpoints?: boolean;
  /** A method for GPUs: the form offers it only where one answers. */
  offeredWithGpu?: boolean;
  train(ctx: TrainContext<OptionValues<S>>): Promise<TrainResult>;
}

/** A method as the registry holds it (its options' types erased). */
export interface MethodSpec {
  id: string;
  label: string;
  summary: string;
  options: readonly OptionSpec[];
  checkpoints?: boolean;
  offeredWithGpu?: boolean;
  train(ctx: TrainContext): Promise<TrainResult>;
}

export function defineMethod<const S extends readonly OptionSpec[]>(m: MethodDefinition<S>): MethodSpec {
  return m as unknown as MethodSpec;
}

export function methodInfo(m: MethodSpec): MethodInfo {
  return { id: m.id, label: m.label, summary: m.summary, options: [...m.options], ...(m.offeredWithGpu ? { offeredWithGpu: true } : {}) };
}

/** Checks raw parameters against the method's options and fills in defaults; errors name the option and what it takes. */
export function parseParams(method: Pick<MethodSpec, 'label' | 'options'>, raw: Record<string, unknown>): Params {
  return parseOptions(method.options, raw, method.label) as Params;
}

/** Options shared by the methods that start from co-occurrence counts. */
export const windowOptions = (defaults: { window: number; weighting: 'uniform' | 'dynamic' | 'harmonic' }) => defineOptions([
  { key: 'minCount', label: 'Min count', help: 'Words seen fewer times are dropped before windowing.', type: 'int', default: 5, min: 1, max: 1e9 },
  { key: 'maxVocab', label: 'Max vocabulary', help: 'Keep at most this many of the most frequent words (0: no cap).', type: 'int', default: 0, min: 0, max: 1e7 },
  { key: 'window', label: 'Window', help: 'Context words on each side of a word.', type: 'int', default: defaults.window, min: 1, max: 31 },
  {
    key: 'weighting', label: 'Window weighting', type: 'choice', default: defaults.weighting, choices: ['uniform', 'dynamic', 'harmonic'],
    help: 'uniform: every pair counts 1; dynamic: (L−d+1)/L, as word2vec\'s sampled window; harmonic: 1/d, as GloVe.',
  },
  { key: 'subsample', label: 'Subsampling t', help: 'word2vec\'s frequent-word subsampling threshold before windowing (0: off; 1e-5 typical).', type: 'number', default: 0, min: 0, max: 1, advanced: true },
  { key: 'seed', label: 'Seed', help: 'Seed for subsampling and the random start of the SVD.', type: 'int', default: 1, min: 0, max: 2 ** 31 - 1, advanced: true },
  { key: 'threads', label: 'Threads', help: 'Threads for counting and the SVD (0: all cores).', type: 'int', default: 0, min: 0, max: 64, advanced: true },
]);

/** Progress for a solver that reports (done, total) steps: the phase is announced once, then only advanced. */
export function stepProgress(ctx: Pick<TrainContext<unknown>, 'progress'>, phase: string): (done: number, total: number) => void {
  let announced = false;
  return (done, total) => {
    if (!announced) {
      ctx.progress.phase(phase, total, 'products');
      announced = true;
    }
    ctx.progress.update(done);
  };
}
