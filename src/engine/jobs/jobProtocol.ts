/** Messages between the job runner and a job's worker thread. */
import type { JobProgress } from '../../shared/contract.js';
import type { IngestOptions } from '../corpus/ingest.js';
import type { EvalParams } from '../eval/evaluateRun.js';
import type { ClusterJobParams, ProjectJobParams } from '../projection/job.js';
import type { ExportOptions, ImportFormat } from '../formats/index.js';
import type { RandWalkParams } from '../randwalk/generator.js';

export type JobSpec = { kind: 'ingest'; params: IngestOptions } | { kind: 'train'; params: { runId: number } }
  | { kind: 'eval'; params: EvalParams }
  | { kind: 'import'; params: { file: string; format: ImportFormat; name?: string; limit?: number; sourceLabel?: string } }
  | { kind: 'export'; params: { runId: number; options: Omit<ExportOptions, 'progress' | 'signal'> } }
  | { kind: 'project'; params: ProjectJobParams }
  | { kind: 'cluster'; params: ClusterJobParams }
  | { kind: 'randwalk'; params: Partial<RandWalkParams> & { name?: string } };

export interface JobWorkerData {
  dbPath: string;
  spec: JobSpec;
}

export type JobMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };
