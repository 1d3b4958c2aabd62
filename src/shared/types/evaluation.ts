/** Evaluation reports, vector queries and run comparisons. */
import type { RunSummary } from './runs.js';

export interface SectionScore {
  correct: number;
  total: number;
  accuracy: number;
}

export interface AnalogySummary {
  method: 'add' | 'mul';
  restrict: number;
  accuracy: number;
  correct: number;
  total: number;
  oov: number;
  questions: number;
  sections: Record<string, SectionScore>;
  groups?: Record<'semantic' | 'syntactic', SectionScore>;
}

export interface SimilaritySummary {
  /** Null when no pair of the set is in the vocabulary. */
  spearman: number | null;
  pearson: number | null;
  pairs: number;
  oov: number;
  oovRatio: number;
}

export interface EvalReport {
  analogy: Record<string, { add?: AnalogySummary; mul?: AnalogySummary }>;
  similarity: Record<string, SimilaritySummary>;
}

export interface NeighborItem {
  word: string;
  cosine: number;
}

export interface AnalogyAnswer {
  runId: number;
  /** Null when a query word is not in the run's vocabulary (named in `missing`). */
  add: (NeighborItem & { score: number })[] | null;
  mul: (NeighborItem & { score: number })[] | null;
  missing: string[];
  /** Query words outside the vocabulary whose vectors came from character n-grams (runs from a fastText model). */
  outOfVocabulary?: string[];
}

export interface CompareReport {
  a: RunSummary;
  b: RunSummary;
  sharedWords: number;
  overlapK: number;
  probes: number;
  meanOverlap: number;
  changedMost: { word: string; overlap: number; neighborsA: string[]; neighborsB: string[] }[];
  procrustes: { applicable: boolean; residual: number | null; residualBefore: number | null; words: number; reason?: string };
  evalA: EvalReport;
  evalB: EvalReport;
}
