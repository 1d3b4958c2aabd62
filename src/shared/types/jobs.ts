/**
 * Long jobs as every client sees them: their progress, and what each kind of job
 * makes when it is done (JobResults, one entry per kind), so that a job's result is
 * typed wherever it is read.
 */
import type { TheorySummary, GenerationStatsInfo } from './randwalk.js';
import type { CorpusTextExport, ExportRunResult, ImportRunResult } from './vectors.js';
import type { ExperimentJobResult } from './experiments.js';
import type { PairExplanation } from './explain.js';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  phase: string;
  /** Units of `unit` done and in all (total 0 when unknown). */
  done: number;
  total: number;
  unit: string;
  /** Free-form figures shown beside the bar (files, tokens, MB/s...). */
  detail: Record<string, number>;
  /** Seconds since the job started, and the estimate of what is left (null when unknown). */
  elapsed: number;
  eta: number | null;
}

/** What a finished job made, per kind of job. */
export interface JobResults {
  ingest: { corpusId: number };
  train: { runId: number };
  eval: { runId: number };
  import: ImportRunResult;
  export: ExportRunResult;
  exportText: CorpusTextExport;
  project: { projectionId: string };
  cluster: { clusterId: string };
  randwalk: { corpusId: number; theory: TheorySummary; stats: GenerationStatsInfo };
  backup: LabBackup;
  experiment: ExperimentJobResult;
  explain: PairExplanation;
}

/** A backup of the lab file: where it went, its size and schema version. */
export interface LabBackup {
  out: string;
  bytes: number;
  schemaVersion: number;
}

export type JobKind = keyof JobResults;

/** A job of one kind; `result` is set when status is 'done'. */
export interface JobStateOf<K extends JobKind> {
  id: number;
  kind: K;
  title: string;
  /** What the job works on, known from the start (for example { runId: 4 }). */
  subject?: Record<string, number>;
  status: JobStatus;
  progress: JobProgress;
  startedAt: string;
  result?: JobResults[K];
  error?: string;
  /**
   * Set for a job that another process runs on the same lab file (a CLI train, say): its progress
   * comes from the lab file, and it can be stopped only there.
   */
  elsewhere?: { pid: number };
}

/** Any job: narrow it by `kind` to read its result. */
export type JobState = { [K in JobKind]: JobStateOf<K> }[JobKind];
