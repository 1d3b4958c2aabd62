/**
 * An experiment as the contract shows it: its summary (how many cells are done) and its
 * table, one row per cell with the cell's parameters, every evaluation score, the run's own
 * figures, time, memory and status. The scores are read from the runs' stored evaluations,
 * so a run evaluated again elsewhere shows its newest scores here too.
 */
import type { CellStatus, ExperimentDetail, ExperimentRow, ExperimentStatus, ExperimentSummary, MetricColumn } from '../../shared/types/experiments.js';
import type { EvalReport } from '../../shared/types/evaluation.js';
import type { Db } from '../store/db.js';
import { loadEvals } from '../store/evals.js';
import { cellsOf, type ExperimentRecord, type StoredCell } from '../store/experiments.js';
import { sortEvalSetsLeniently } from './evalSets.js';
import { basename } from 'node:path';

/** A cell's status from its run's, and whether it was scored while its experiment runs or not. */
export function cellStatus(c: StoredCell, experiment: ExperimentStatus, evaluates: boolean): CellStatus {
  if (c.corpusId === null && c.runStatus !== 'done') return 'failed';
  if (c.runId === null || c.runStatus === null) return 'pending';
  if (c.runStatus !== 'done') return c.runStatus;
  if (c.evaluated || !evaluates) return 'done';
  return experiment === 'running' ? 'evaluating' : 'interrupted';
}

/** The metric columns of a spec's evaluation: per analogy set and scoring (and Google's two groups), per similarity set. */
export function metricColumns(evalSets: string[], methods: ('add' | 'mul')[]): MetricColumn[] {
  const sets = sortEvalSetsLeniently(evalSets);
  const out: MetricColumn[] = [];
  for (const set of sets.analogy) {
    for (const m of methods) {
      const key = m === 'add' ? set : `${set}:mul`;
      const name = m === 'add' ? '3CosAdd' : '3CosMul';
      out.push({ key, label: `${basename(set)} ${name}`, set, kind: 'analogy', measure: 'accuracy' });
      if (set === 'google' && m === 'add') {
        out.push({ key: `${set}:semantic`, label: `${set} semantic`, set, kind: 'analogy', measure: 'accuracy' });
        out.push({ key: `${set}:syntactic`, label: `${set} syntactic`, set, kind: 'analogy', measure: 'accuracy' });
      }
    }
  }
  for (const set of sets.similarity) out.push({ key: set, label: `${basename(set)} ρ`, set, kind: 'similarity', measure: 'spearman' });
  return out;
}

/** A column's value in an evaluation report (evaluation names a file set by its file name). */
function metricOf(report: EvalReport, col: MetricColumn): number | null {
  const name = Object.keys(col.kind === 'analogy' ? report.analogy : report.similarity).find((n) => n === col.set || col.set.endsWith(`/${n}`) || col.set.endsWith(`\\${n}`));
  if (name === undefined) return null;
  if (col.kind === 'similarity') return report.similarity[name].spearman;
  const scored = report.analogy[name][col.key.endsWith(':mul') ? 'mul' : 'add'];
  if (!scored) return null;
  if (col.key.endsWith(':semantic')) return scored.groups?.semantic.accuracy ?? null;
  if (col.key.endsWith(':syntactic')) return scored.groups?.syntactic.accuracy ?? null;
  return scored.accuracy;
}

function rowOf(db: Db, c: StoredCell, status: CellStatus, columns: MetricColumn[]): ExperimentRow {
  const report = c.runId !== null && c.runStatus === 'done' ? loadEvals(db, c.runId) : null;
  return {
    position: c.position, corpusId: c.corpusId, corpusName: c.corpusName, method: c.method, params: c.params, status, runId: c.runId,
    seconds: c.runStatus === 'done' ? c.runSeconds : null, evalSeconds: c.evalSeconds, peakRssMB: c.peakRssMB,
    metrics: Object.fromEntries(columns.map((col) => [col.key, report ? metricOf(report, col) : null])),
    runMetrics: c.runMetrics, shared: c.shared,
    error: c.corpusId === null && c.runStatus !== 'done' ? 'Its corpus was removed, so it cannot run.' : c.runStatus === 'failed' ? c.runError : null,
  };
}

export function experimentSummary(db: Db, e: ExperimentRecord, jobId: number | null, cells = cellsOf(db, e.id)): ExperimentSummary {
  const evaluates = e.spec.eval.length > 0;
  const statuses = cells.map((c) => cellStatus(c, e.status, evaluates));
  return {
    ...e, cells: cells.length, cellsDone: statuses.filter((s) => s === 'done').length, cellsFailed: statuses.filter((s) => s === 'failed').length, jobId,
  };
}

export function experimentDetail(db: Db, e: ExperimentRecord, jobId: number | null): ExperimentDetail {
  const cells = cellsOf(db, e.id);
  const columns = metricColumns(e.spec.eval, e.spec.analogyMethods);
  const evaluates = e.spec.eval.length > 0;
  const paramColumns: string[] = [];
  for (const c of cells) for (const k of Object.keys(c.params)) if (!paramColumns.includes(k)) paramColumns.push(k);
  return {
    ...experimentSummary(db, e, jobId, cells),
    paramColumns,
    metricColumns: columns,
    rows: cells.map((c) => rowOf(db, c, cellStatus(c, e.status, evaluates), columns)),
  };
}
