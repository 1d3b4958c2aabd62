/** Stored evaluation results, one row per run, dataset and method (a new evaluation replaces the old). */
import type { Db } from './db.js';
import type { EvalReport } from '../../shared/contract.js';

export interface EvalRow {
  kind: 'analogy' | 'similarity';
  dataset: string;
  method: string;
  restrict: number;
  result: object;
  answers?: unknown[];
}

export function saveEvals(db: Db, runId: number, rows: EvalRow[]): void {
  const put = db.prepare(
    `INSERT OR REPLACE INTO run_evals (run_id, kind, dataset, method, restrict_vocab, result, answers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of rows) put.run(runId, r.kind, r.dataset, r.method, r.restrict, JSON.stringify(r.result), r.answers ? JSON.stringify(r.answers) : null, now);
  })();
}

export function loadEvals(db: Db, runId: number): EvalReport {
  const rows = db.prepare('SELECT kind, dataset, method, result FROM run_evals WHERE run_id = ? ORDER BY kind, dataset, method').all(runId) as {
    kind: string; dataset: string; method: string; result: string;
  }[];
  const report: EvalReport = { analogy: {}, similarity: {} };
  for (const r of rows) {
    const result = JSON.parse(r.result);
    if (r.kind === 'analogy') (report.analogy[r.dataset] ??= {})[r.method as 'add' | 'mul'] = result;
    else report.similarity[r.dataset] = result;
  }
  return report;
}
