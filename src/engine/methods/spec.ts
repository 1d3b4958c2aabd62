/**
 * What a training method is: an id, its options, and a train function. The
 * option list is the only place an option exists: the CLI's flags, the UI's
 * form, validation and the stored run parameters all come from it.
 */
import type { MethodInfo, OptionSpec } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import type { ProgressSink } from '../base/progress.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';

export type Params = Record<string, number | boolean | string>;

export interface TrainContext {
  db: Db;
  corpusId: number;
  params: Params;
  progress: ProgressSink;
  signal: AbortSignal;
  /** Appends a line to the run's log. */
  log(line: string): void;
  /** Runs one named phase and records its wall time. */
  phase<T>(name: string, work: () => Promise<T> | T): Promise<T>;
}

export interface TrainResult {
  vectors: TrainedVectors;
  series: Record<string, number[] | [number, number][]>;
  metrics: Record<string, number>;
}

export interface MethodSpec extends MethodInfo {
  train(ctx: TrainContext): Promise<TrainResult>;
}

export function methodInfo(m: MethodSpec): MethodInfo {
  return { id: m.id, label: m.label, summary: m.summary, options: m.options };
}

/** Checks raw parameters against the method's options and fills in defaults; errors name the option and what it takes. */
export function parseParams(method: MethodInfo, raw: Record<string, unknown>): Params {
  const known = new Map(method.options.map((o) => [o.key, o]));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      throw new LabError(`${method.label} has no option "${key}". Its options: ${method.options.map((o) => o.key).join(', ')}.`, 'invalid');
    }
  }
  const out: Params = {};
  for (const o of method.options) out[o.key] = raw[o.key] === undefined ? o.default : checkValue(method, o, raw[o.key]);
  return out;
}

function checkValue(method: MethodInfo, o: OptionSpec, v: unknown): number | boolean | string {
  const where = `${method.label} option "${o.key}"`;
  switch (o.type) {
    case 'boolean':
      if (typeof v !== 'boolean') throw new LabError(`${where} is true or false, not ${JSON.stringify(v)}.`, 'invalid');
      return v;
    case 'choice':
      if (typeof v !== 'string' || !o.choices!.includes(v)) {
        throw new LabError(`${where} is one of ${o.choices!.join(', ')}, not ${JSON.stringify(v)}.`, 'invalid');
      }
      return v;
    default: {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (o.type === 'int' && !Number.isInteger(n))) {
        throw new LabError(`${where} is ${o.type === 'int' ? 'an integer' : 'a number'}, not ${JSON.stringify(v)}.`, 'invalid');
      }
      if ((o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
        throw new LabError(`${where} must be between ${o.min ?? '-∞'} and ${o.max ?? '∞'}, not ${n}.`, 'invalid');
      }
      return n;
    }
  }
}

/** Options shared by the methods that start from co-occurrence counts. */
export const windowOptions = (defaults: { window: number; weighting: string }): OptionSpec[] => [
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
];

/** Progress for a solver that reports (done, total) steps: the phase is announced once, then only advanced. */
export function stepProgress(ctx: TrainContext, phase: string): (done: number, total: number) => void {
  let announced = false;
  return (done, total) => {
    if (!announced) {
      ctx.progress.phase(phase, total, 'products');
      announced = true;
    }
    ctx.progress.update(done);
  };
}
