/**
 * Experiments as every client sees them: a grid of corpora × methods × per-parameter
 * value lists whose cells are ordinary runs, trained, evaluated on the chosen sets and
 * linked to the experiment. The planner's dry run (ExperimentPlan) says how many runs a
 * grid makes, what they will share and how long they should take; the table
 * (ExperimentDetail.rows) has one row per cell, with its parameters and every metric.
 */

/** A value of one parameter in a grid (a method option's value). */
export type GridValue = number | string | boolean;

/** The grid as stored with the experiment (experiment.start's input, filled in). */
export interface ExperimentSpec {
  corpora: number[];
  methods: string[];
  /** Values per parameter; a parameter applies to every chosen method whose option spec has it. */
  grid: Record<string, GridValue[]>;
  /** Values per parameter for one method only (method id → parameter → values); they replace `grid`'s for that method. */
  methodGrid: Record<string, Record<string, GridValue[]>>;
  /** Evaluation sets: shipped names (google, msr, ws353, simlex999, men3000, rw…) or paths of files in their formats. */
  eval: string[];
  /** Analogies search the most frequent words only (gensim's restrict_vocab). */
  restrict: number;
  /** Analogy scoring: 3CosAdd ('add'), 3CosMul ('mul') or both. */
  analogyMethods: ('add' | 'mul')[];
}

/** running, or how it ended: interrupted means its process died (a kill, a crash); `experiment resume` continues it. */
export type ExperimentStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** A cell's state: pending (not started, or its run was removed), its run's status, or evaluating (trained, not yet scored). */
export type CellStatus = 'pending' | 'running' | 'evaluating' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** Work that several cells share: one co-occurrence count, one SPPMI matrix, or one SVD. */
export interface SharingGroup {
  /** counts: one co-occurrence table per (corpus, window options); ppmi: one SPPMI matrix per (counts, cds, shift); svd: one factorisation per (matrix, d, SVD options). */
  kind: 'counts' | 'ppmi' | 'svd';
  corpusId: number;
  /** What the group has in common, for people ("window 5 dynamic, min count 5"). */
  label: string;
  /** The cells (positions) that use it. */
  cells: number[];
  /** counts only: the table is already in the lab's count cache, so nothing is counted. */
  cached?: boolean;
}

/** One cell of a planned grid. */
export interface PlannedCell {
  /** Its place in the grid (corpora, then methods, then the parameters' values, first parameter slowest). */
  position: number;
  /** When the runner takes it: cells that share work run one after another. */
  order: number;
  corpusId: number;
  corpusName: string;
  method: string;
  methodLabel: string;
  /** The cell's own values: the grid's parameters that apply to its method. */
  params: Record<string, GridValue>;
  /** Every parameter of its run, defaults filled in (what the run stores). */
  runParams: Record<string, GridValue>;
  /** Indexes into ExperimentPlan.sharing.counts / .svds, or null where the method has none. */
  countGroup: number | null;
  svdGroup: number | null;
  /** Its vectors come from another cell's SVD: only the eigenvalue weighting, W + C or normalisation differ. */
  derived: boolean;
  /** Seconds to train and evaluate it, as planned (with the sharing). */
  estimateSeconds: number;
  /** history: from earlier runs of its method on its corpus; rate: a rough rate per token. */
  estimateBasis: 'history' | 'rate';
}

/** The dry run of a grid (experiment.plan): its cells, how many, what they share, how long. */
export interface ExperimentPlan {
  cells: PlannedCell[];
  count: number;
  /** Cells per method id. */
  byMethod: Record<string, number>;
  sharing: { counts: SharingGroup[]; ppmi: SharingGroup[]; svds: SharingGroup[] };
  estimate: {
    /** The grid as the runner runs it, sharing counts, matrices and SVDs. */
    seconds: number;
    /** The same runs started one by one (each counting, unless cached, and factorising on its own). */
    oneByOneSeconds: number;
    /** Of `seconds`, the evaluation's share. */
    evalSeconds: number;
    basis: 'history' | 'rate' | 'mixed';
  };
  /** The evaluation the runner does after each cell: the sets sorted by kind. */
  eval: { analogy: string[]; similarity: string[]; restrict: number; methods: ('add' | 'mul')[] };
}

/** What the store keeps of an experiment itself (its cells are rows of their own). */
export interface ExperimentRecord {
  id: number;
  name: string;
  createdAt: string;
  finishedAt: string | null;
  status: ExperimentStatus;
  spec: ExperimentSpec;
  error: string | null;
}

export interface ExperimentSummary extends ExperimentRecord {
  cells: number;
  cellsDone: number;
  cellsFailed: number;
  /** The job running it in this lab, while one does (job.get / job.cancel / events follow it). */
  jobId: number | null;
}

/** One row of the table: a cell, its run and its scores. */
export interface ExperimentRow {
  position: number;
  corpusId: number | null;
  corpusName: string | null;
  method: string;
  params: Record<string, GridValue>;
  status: CellStatus;
  runId: number | null;
  /** Training seconds (the run's own: a derived run's SVD was paid by the run it shares it with). */
  seconds: number | null;
  evalSeconds: number | null;
  /** The process's peak resident memory while the cell trained and was evaluated (sampled), in MB; null when not measured. */
  peakRssMB: number | null;
  /** Evaluation scores by metric key (ExperimentDetail.metricColumns); null where the set was not scored. */
  metrics: Record<string, number | null>;
  /** The run's own figures (nnz, density, loss…), as run.get has them. */
  runMetrics: Record<string, number>;
  /** What the cell reused, in words ("SVD of run 12"); null when it shared nothing. */
  shared: string | null;
  error: string | null;
}

export interface MetricColumn {
  /** The key in ExperimentRow.metrics: "google" (3CosAdd accuracy), "google:mul", "google:semantic", "ws353" (Spearman ρ). */
  key: string;
  label: string;
  set: string;
  kind: 'analogy' | 'similarity';
  /** What the number is. */
  measure: 'accuracy' | 'spearman';
}

export interface ExperimentDetail extends ExperimentSummary {
  /** The grid's parameters shown as columns, in order. */
  paramColumns: string[];
  metricColumns: MetricColumn[];
  rows: ExperimentRow[];
}

/** What an experiment job made. */
export interface ExperimentJobResult {
  experimentId: number;
  cells: number;
  done: number;
  failed: number;
}
