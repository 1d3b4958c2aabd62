/** Messages between the job runner and a job's worker thread, and the parameters of each kind of job. */
import type { JobKind, JobProgress, JobResults } from '../../shared/contract.js';
import type { IngestOptions } from '../corpus/ingest.js';
import type { EvalParams } from '../eval/evaluateRun.js';
import type { ClusterJobParams, ProjectJobParams } from '../projection/job.js';
import type { ExportOptions, ImportFormat } from '../formats/index.js';
import type { BoardJob } from '../store/jobBoard.js';
import type { ExplainParams } from '../explain/explainPair.js';

/** What each kind of job is given (its result type is the contract's JobResults). */
export interface JobParams {
  ingest: IngestOptions;
  /** resume: continue from the run's last checkpoint (run.resume). */
  train: { runId: number; resume?: boolean };
  eval: EvalParams;
  import: { file: string; format: ImportFormat; name?: string; limit?: number; sourceLabel?: string };
  export: { runId: number; options: Omit<ExportOptions, 'progress' | 'signal'> };
  exportText: { corpusId: number; out: string };
  project: ProjectJobParams;
  cluster: ClusterJobParams;
  randwalk: Record<string, unknown> & { name?: string };
  backup: { out: string };
  experiment: { experimentId: number };
  explain: ExplainParams;
}

export type JobSpecOf<K extends JobKind> = { kind: K; params: JobParams[K] };
export type JobSpec = { [K in JobKind]: JobSpecOf<K> }[JobKind];

export interface JobWorkerData {
  dbPath: string;
  spec: JobSpec;
  /** Where the job posts its progress for other processes (store/jobBoard.ts). */
  board: BoardJob;
}

export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: JobResults[JobKind] }
  | { type: 'failed'; error: string; code?: string; field?: string }
  | { type: 'cancelled' };
