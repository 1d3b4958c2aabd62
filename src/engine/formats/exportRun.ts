/** Exports a finished run's vectors (see index.ts exportVectors for the formats and options). */
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import { getRunSummary, readRunVectors } from '../store/runs.js';
import { exportVectors } from './index.js';
import type { ExportRunResult } from '../../shared/types/vectors.js';
import type { ExportOptions } from './types.js';

export type { ExportRunResult };

export async function exportRun(db: Db, runId: number, o: ExportOptions): Promise<ExportRunResult> {
  const run = getRunSummary(db, runId);
  if (run.status !== 'done') throw new LabError(`Run ${runId} is ${run.status}; only a finished run has vectors to export.`, 'conflict');
  const v = readRunVectors(db, runId);
  const result = await exportVectors(v, { ...o, name: o.name ?? run.name });
  return { ...result, runId };
}
