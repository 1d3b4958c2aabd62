/**
 * Experiment rows (schema 10): the grid as JSON, the status, and one row per cell linking
 * it to its ordinary run. An experiment is 'running' while a process owns it (its token, as
 * runs.owner); a later start, or any read, marks one whose owner is gone as interrupted.
 * Each change is one transaction, so a kill leaves every finished cell linked and whole.
 */
import type { ExperimentRecord, ExperimentSpec, ExperimentStatus, GridValue } from '../../shared/types/experiments.js';
import type { RunStatus } from '../../shared/types/runs.js';
import { LabError } from '../../shared/labError.js';
import { ownerAlive, PROCESS_TOKEN } from '../base/processToken.js';
import type { Db } from './db.js';

export type { ExperimentRecord };

/** A cell as stored, with what its run says of itself. */
export interface StoredCell {
  position: number;
  corpusId: number | null;
  corpusName: string | null;
  method: string;
  params: Record<string, GridValue>;
  runId: number | null;
  runStatus: RunStatus | null;
  runSeconds: number | null;
  runMetrics: Record<string, number>;
  runError: string | null;
  runParams: Record<string, GridValue> | null;
  evaluated: boolean;
  evalSeconds: number | null;
  peakRssMB: number | null;
  shared: string | null;
}

export interface NewCell {
  position: number;
  corpusId: number;
  method: string;
  params: Record<string, GridValue>;
}

interface ExperimentRowDb {
  id: number; name: string; created_at: string; finished_at: string | null; status: ExperimentStatus; spec: string; error: string | null; owner: string | null;
}

const toRecord = (r: ExperimentRowDb): ExperimentRecord => ({
  id: r.id, name: r.name, createdAt: r.created_at, finishedAt: r.finished_at, status: r.status, spec: JSON.parse(r.spec), error: r.error,
});

function insertCells(db: Db, experimentId: number, cells: NewCell[]): void {
  const put = db.prepare('INSERT INTO experiment_runs (experiment_id, position, corpus_id, method, params) VALUES (?, ?, ?, ?, ?)');
  for (const c of cells) put.run(experimentId, c.position, c.corpusId, c.method, JSON.stringify(c.params));
}

/** A new experiment and all its cells, owned by this process ('running'), in one transaction. */
export function insertExperiment(db: Db, name: string, spec: ExperimentSpec, cells: NewCell[]): number {
  return db.transaction(() => {
    const info = db
      .prepare(`INSERT INTO experiments (name, created_at, status, spec, owner) VALUES (?, ?, 'running', ?, ?)`)
      .run(name, new Date().toISOString(), JSON.stringify(spec), PROCESS_TOKEN);
    const id = Number(info.lastInsertRowid);
    insertCells(db, id, cells);
    return id;
  })();
}

/** More cells and the grid that makes them (experiment.extend), in one transaction. */
export function addCells(db: Db, id: number, spec: ExperimentSpec, cells: NewCell[]): void {
  db.transaction(() => {
    db.prepare('UPDATE experiments SET spec = ? WHERE id = ?').run(JSON.stringify(spec), id);
    insertCells(db, id, cells);
  })();
}

/** An experiment, with a dead owner's 'running' turned into 'interrupted' first. */
export function getExperiment(db: Db, id: number): ExperimentRecord {
  markInterruptedExperiments(db);
  const row = db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as ExperimentRowDb | undefined;
  if (!row) throw new LabError(`There is no experiment with id ${id}.`, 'not-found');
  return toRecord(row);
}

export function listExperiments(db: Db): ExperimentRecord[] {
  markInterruptedExperiments(db);
  return (db.prepare('SELECT * FROM experiments ORDER BY id').all() as ExperimentRowDb[]).map(toRecord);
}

interface CellRowDb {
  position: number; corpus_id: number | null; corpus_name: string | null; method: string; params: string; run_id: number | null;
  evaluated: number; eval_seconds: number | null; peak_rss_mb: number | null; shared: string | null;
  run_status: RunStatus | null; run_seconds: number | null; run_metrics: string | null; run_error: string | null; run_params: string | null;
}

export function cellsOf(db: Db, id: number): StoredCell[] {
  const rows = db.prepare(
    `SELECT e.*, c.name AS corpus_name, r.status AS run_status, r.seconds AS run_seconds, r.metrics AS run_metrics, r.error AS run_error, r.params AS run_params
     FROM experiment_runs e LEFT JOIN corpora c ON c.id = e.corpus_id LEFT JOIN runs r ON r.id = e.run_id
     WHERE e.experiment_id = ? ORDER BY e.position`,
  ).all(id) as CellRowDb[];
  return rows.map((r) => ({
    position: r.position, corpusId: r.corpus_id, corpusName: r.corpus_name, method: r.method, params: JSON.parse(r.params),
    runId: r.run_id, runStatus: r.run_status, runSeconds: r.run_seconds, runMetrics: r.run_metrics ? JSON.parse(r.run_metrics) : {},
    runError: r.run_error, runParams: r.run_params ? JSON.parse(r.run_params) : null,
    evaluated: r.evaluated === 1, evalSeconds: r.eval_seconds, peakRssMB: r.peak_rss_mb, shared: r.shared,
  }));
}

/** Links a cell to the run that now stands for it; what was measured of an earlier run is cleared. */
export function linkRun(db: Db, id: number, position: number, runId: number): void {
  db.prepare('UPDATE experiment_runs SET run_id = ?, evaluated = 0, eval_seconds = NULL, peak_rss_mb = NULL, shared = NULL WHERE experiment_id = ? AND position = ?')
    .run(runId, id, position);
}

/** What the runner measured of a cell; the peak memory only grows (training, then its evaluation). */
export function recordCell(db: Db, id: number, position: number, o: { evaluated?: boolean; evalSeconds?: number; peakRssMB?: number; shared?: string | null }): void {
  db.prepare(
    `UPDATE experiment_runs SET evaluated = COALESCE(@evaluated, evaluated), eval_seconds = COALESCE(@evalSeconds, eval_seconds),
       peak_rss_mb = CASE WHEN @peak IS NULL THEN peak_rss_mb ELSE MAX(COALESCE(peak_rss_mb, 0), @peak) END, shared = COALESCE(@shared, shared)
     WHERE experiment_id = @id AND position = @position`,
  ).run({
    evaluated: o.evaluated === undefined ? null : o.evaluated ? 1 : 0, evalSeconds: o.evalSeconds ?? null, peak: o.peakRssMB ?? null, shared: o.shared ?? null, id, position,
  });
}

/** Takes an experiment that is not running and makes it this process's; false when it is running already. */
export function claimExperiment(db: Db, id: number): boolean {
  markInterruptedExperiments(db);
  return db.prepare(`UPDATE experiments SET status = 'running', error = NULL, finished_at = NULL, owner = ? WHERE id = ? AND status != 'running'`)
    .run(PROCESS_TOKEN, id).changes > 0;
}

/** Ends a running experiment; only one still 'running' changes. */
export function endExperiment(db: Db, id: number, status: Exclude<ExperimentStatus, 'running'>, error: string | null): void {
  db.prepare(`UPDATE experiments SET status = ?, error = ?, finished_at = ?, owner = NULL WHERE id = ? AND status = 'running'`)
    .run(status, error, new Date().toISOString(), id);
}

/**
 * Marks as interrupted every running experiment whose process is gone, and with `ownToo` this
 * process's as well (a lab file opened afresh here has no job of ours behind them).
 */
export function markInterruptedExperiments(db: Db, ownToo = false): number {
  const rows = db.prepare(`SELECT id, owner FROM experiments WHERE status = 'running'`).all() as { id: number; owner: string | null }[];
  let n = 0;
  for (const r of rows) {
    if (r.owner !== null && (r.owner === PROCESS_TOKEN ? !ownToo : ownerAlive(r.owner))) continue;
    endExperiment(db, r.id, 'interrupted', 'The process running it stopped before it finished (crash, kill or power loss).');
    n++;
  }
  return n;
}

/** Removes an experiment; with removeRuns its runs too (else they stay, as ordinary runs). */
export function removeExperiment(db: Db, id: number, removeRuns: boolean): { removed: boolean; runsRemoved: number } {
  return db.transaction(() => {
    const runIds = (db.prepare('SELECT run_id FROM experiment_runs WHERE experiment_id = ? AND run_id IS NOT NULL').all(id) as { run_id: number }[]).map((r) => r.run_id);
    const removed = db.prepare('DELETE FROM experiments WHERE id = ?').run(id).changes > 0;
    let runsRemoved = 0;
    if (removed && removeRuns) {
      const del = db.prepare('DELETE FROM runs WHERE id = ?');
      for (const runId of runIds) runsRemoved += del.run(runId).changes;
    }
    return { removed, runsRemoved };
  })();
}
