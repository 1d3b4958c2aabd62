/**
 * How long a cell should take. From the earlier runs of its method on its corpus when there
 * are any (their phase times, scaled by d and by epochs or iterations), else from a rough rate
 * per token measured on the 2-core build machine. Shared work is paid once: a cell whose
 * counts are cached or counted by an earlier cell reads them instead, and a derived PPMI-SVD
 * cell only rescales another cell's SVD. Rough by design: it says minutes or hours, not seconds.
 */
import type { RunSummary } from '../../shared/types/runs.js';
import type { Params } from '../methods/spec.js';

/** What a cell must do itself, given what the cells before it made. */
export interface CellWork {
  /** Count the co-occurrences (not cached, no earlier cell counted them). */
  count: boolean;
  /** PPMI-SVD: build the SPPMI matrix and factorise it (false: derived from an earlier cell's SVD). */
  factorise: boolean;
}

export interface CorpusSize {
  tokens: number;
  /** Words that reach the corpus's min count: the vocabulary of a run by default. */
  types: number;
}

/** Seconds per million tokens at d = 100, per epoch or iteration where the method has them (2 cores). */
const RATE_PER_MTOKEN: Record<string, number> = {
  sgns: 1.0, cbow: 0.25, 'sgns-tfjs': 60, glove: 0.3, 'rw-sn': 0.3, 'ppmi-svd': 0.4, mstar: 1.0, lsa: 0.5, dynamics: 3,
};
/** Counting, per million tokens at window 5 (it grows with the window). */
const COUNT_PER_MTOKEN = 0.5;
/** Storing a run's vectors, per million floats. */
const SAVE_PER_MFLOAT = 0.05;

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** How the work of a method grows with its parameters: d, and epochs or iterations. */
function scaleOf(p: Params): number {
  const dim = typeof p.dim === 'number' ? p.dim : 100;
  const passes = typeof p.epochs === 'number' ? p.epochs : typeof p.iterations === 'number' ? p.iterations : 1;
  return (dim / 100) * passes;
}

const sumPhases = (phases: Record<string, number>, names: string[]): number => names.reduce((s, n) => s + (phases[n] ?? 0), 0);
const COUNT_PHASES = ['counting', 'caching counts'];

/** What earlier runs of one method on one corpus say: counting seconds, work per unit of scale, saving. */
export interface MethodHistory {
  count: number | null;
  workPerScale: number | null;
  save: number | null;
}

export function historyOf(runs: RunSummary[], corpusId: number, method: string): MethodHistory {
  const mine = runs.filter((r) => r.corpusId === corpusId && r.method === method && r.status === 'done' && r.seconds !== null);
  const counted = mine.filter((r) => r.metrics.cachedCounts === 0).map((r) => sumPhases(r.phases, COUNT_PHASES));
  const work = mine.map((r) => (r.seconds! - sumPhases(r.phases, [...COUNT_PHASES, 'saving'])) / scaleOf(r.params as Params));
  return { count: median(counted), workPerScale: median(work.filter((x) => x >= 0)), save: median(mine.map((r) => r.phases.saving ?? 0)) };
}

/** Seconds to train one cell, and whether earlier runs or the rough rates said so. */
export function trainSeconds(method: string, p: Params, corpus: CorpusSize, work: CellWork, history: MethodHistory): { seconds: number; basis: 'history' | 'rate' } {
  const mtokens = corpus.tokens / 1e6;
  const vocab = typeof p.maxVocab === 'number' && p.maxVocab > 0 ? Math.min(p.maxVocab, corpus.types) : corpus.types;
  const saveRate = (vocab * (typeof p.dim === 'number' ? p.dim : 100) * 2) / 1e6 * SAVE_PER_MFLOAT;
  const save = history.save ?? saveRate;
  const window = typeof p.window === 'number' ? p.window : 5;
  const count = work.count ? (history.count ?? mtokens * COUNT_PER_MTOKEN * (window / 5)) : 0;
  if (!work.factorise) return { seconds: save, basis: history.save !== null ? 'history' : 'rate' };
  const perScale = history.workPerScale ?? mtokens * (RATE_PER_MTOKEN[method] ?? 1);
  return { seconds: count + perScale * scaleOf(p) + save, basis: history.workPerScale !== null ? 'history' : 'rate' };
}

/**
 * Seconds to evaluate one cell, as evaluateAnalogies works: one column of cosines against the
 * `restrict` most frequent words per distinct query word (d multiply-adds each: about 8 GFLOP/s
 * with the native kernels, 2 with the JavaScript ones), then for each question and scoring method
 * one pass over three columns (about 1.5 ns a candidate); the similarity sets are a few thousand
 * pairs and cost nothing. On the medium corpus (restrict 30,000, Google's 19,544 questions and 905
 * query words) this says 1.8 s at d = 100 and 3.1 s at d = 300; they took 1.2–1.4 and 1.7–2.3 s.
 */
export function evalSeconds(
  p: Params, corpus: CorpusSize, work: { questions: number; queryWords: number }, restrict: number, methods: number, nativeKernels: boolean,
): number {
  const vocab = typeof p.maxVocab === 'number' && p.maxVocab > 0 ? Math.min(p.maxVocab, corpus.types) : corpus.types;
  const dim = typeof p.dim === 'number' ? p.dim : 100;
  const R = Math.min(vocab, restrict);
  const columns = (work.queryWords * R * dim * 2) / (nativeKernels ? 8e9 : 2e9);
  const scoring = work.questions * R * methods * 1.5e-9;
  return columns + scoring + 0.2;
}
