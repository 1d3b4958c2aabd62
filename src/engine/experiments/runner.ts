/**
 * The 'experiment' job: runs an experiment's unfinished cells in the planner's order (cells
 * that share counts, a matrix or an SVD follow each other), each trained as an ordinary run
 * (runs/trainRun.ts), evaluated on the chosen sets (eval/evaluateRun.ts) and linked to the
 * experiment. Every cell is stored when it ends, so a kill loses only the cell in progress:
 * a resume skips the finished cells, continues an interrupted run from its checkpoint, retries
 * a failed one, and evaluates a trained cell that was not yet scored.
 */
import type { ExperimentJobResult } from '../../shared/types/experiments.js';
import type { Db } from '../store/db.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { cellsOf, endExperiment, getExperiment, linkRun, recordCell, type ExperimentRecord, type StoredCell } from '../store/experiments.js';
import { createRun, getRunSummary, removeRun, reopenRun } from '../store/runs.js';
import { trainRun } from '../runs/trainRun.js';
import { evaluateRun } from '../eval/evaluateRun.js';
import { methodById } from '../methods/registry.js';
import { parseParams } from '../methods/spec.js';
import { paramsLabel, type GridCell } from './grid.js';
import { orderForSharing } from './plan.js';
import { sortEvalSets, type EvalSets } from './evalSets.js';
import { SharedPpmiSvd } from './sharedPpmiSvd.js';
import { rssSampler } from './rssSampler.js';

interface Step {
  cell: GridCell;
  index: number;
  total: number;
}

/** Progress of one cell inside the whole: the cell's phases, prefixed, with where the experiment stands. */
function cellProgress(outer: ProgressSink, prefix: string, where: () => Record<string, number>, onSample: () => void): ProgressSink {
  return {
    phase(name, total, unit) {
      onSample();
      outer.phase(`${prefix} · ${name}`, total, unit);
      outer.update(0, where());
    },
    update(done, detail) {
      onSample();
      outer.update(done, { ...detail, ...where() });
    },
  };
}

/** A cell's stored state, read again (another cell's work may have changed nothing of it, but a resume may have). */
function storedCell(db: Db, id: number, position: number): StoredCell {
  return cellsOf(db, id).find((c) => c.position === position)!;
}

/** The run a cell trains as, and whether it continues one: a new run, a reopened interrupted one, or a failed one replaced. */
function runFor(db: Db, exp: ExperimentRecord, s: StoredCell, cell: GridCell, runName: string): { runId: number; resume: boolean } {
  if (s.runId !== null && (s.runStatus === 'interrupted' || s.runStatus === 'cancelled') && reopenRun(db, s.runId)) {
    return { runId: s.runId, resume: true };
  }
  if (s.runId !== null && s.runStatus === 'running') throw new Error(`Run ${s.runId} of cell ${s.position + 1} is running in another process.`);
  if (s.runId !== null && s.runStatus === 'failed') removeRun(db, s.runId); // it holds no vectors; the retry takes its place
  const runId = createRun(db, { name: runName, corpusId: cell.corpusId, method: cell.method.id, params: cell.runParams });
  linkRun(db, exp.id, s.position, runId);
  return { runId, resume: false };
}

function runNameOf(exp: ExperimentRecord, cell: GridCell, corpusName: string | null): string {
  const where = exp.spec.corpora.length > 1 && corpusName ? ` on ${corpusName}` : '';
  return `${exp.name} #${cell.position + 1}: ${cell.method.label} ${paramsLabel(cell.params)}${where}`.trim();
}

export async function runExperiment(db: Db, p: { experimentId: number }, progress: ProgressSink, signal: AbortSignal): Promise<ExperimentJobResult> {
  const exp = getExperiment(db, p.experimentId);
  const sets = sortEvalSets(exp.spec.eval);
  const stored = cellsOf(db, exp.id);
  const runnable = stored.filter((c) => c.corpusId !== null).map((c): GridCell => {
    const method = methodById(c.method);
    return { position: c.position, corpusId: c.corpusId!, method, params: c.params, runParams: parseParams(method, c.params) };
  });
  const order = orderForSharing(runnable, exp.spec.corpora);
  const shared = new SharedPpmiSvd();
  let done = 0;
  let failed = stored.length - runnable.length; // cells whose corpus was removed cannot run
  const failures: string[] = [];
  try {
    for (const [index, cell] of order.entries()) {
      if (signal.aborted) throw new Cancelled();
      const outcome = await runCell(db, exp, sets, { cell, index, total: order.length }, { progress, signal, shared, cellsDone: () => done });
      if (outcome === null) done++;
      else {
        failed++;
        failures.push(`cell ${cell.position + 1}: ${outcome}`);
      }
    }
  } catch (e) {
    const cancelled = e instanceof Cancelled || signal.aborted || (e as Error).name === 'Cancelled';
    endExperiment(db, exp.id, cancelled ? 'cancelled' : 'failed', cancelled ? null : (e as Error).message);
    throw cancelled ? new Cancelled() : e;
  } finally {
    shared.clear();
  }
  endExperiment(db, exp.id, 'done', failed > 0 ? `${failed} of ${stored.length} cells failed (${failures.slice(0, 3).join('; ')}${failures.length > 3 ? '; …' : ''}).` : null);
  return { experimentId: exp.id, cells: stored.length, done, failed };
}

interface RunnerState {
  progress: ProgressSink;
  signal: AbortSignal;
  shared: SharedPpmiSvd;
  cellsDone: () => number;
}

/** Trains (unless done) and evaluates (unless scored) one cell; null when it is done, else why it failed. Cancelling throws. */
async function runCell(db: Db, exp: ExperimentRecord, sets: EvalSets, step: Step, state: RunnerState): Promise<string | null> {
  const { cell } = step;
  const s = storedCell(db, exp.id, cell.position);
  const evaluate = sets.analogy.length + sets.similarity.length > 0;
  if (s.runStatus === 'done' && (s.evaluated || !evaluate)) return null;
  const rss = rssSampler();
  let runId = s.runId;
  const where = (): Record<string, number> => ({ cell: step.index + 1, cells: step.total, cellsDone: state.cellsDone(), position: cell.position, ...(runId ? { runId } : {}) });
  const sink = cellProgress(state.progress, `${step.index + 1}/${step.total} ${cell.method.label} ${paramsLabel(cell.params)}`, where, rss.sample);
  try {
    if (s.runStatus !== 'done') {
      const run = runFor(db, exp, s, cell, runNameOf(exp, cell, s.corpusName));
      runId = run.runId;
      try {
        const trainer = cell.method.id === 'ppmi-svd' ? state.shared.trainer(cell.corpusId, run.runId) : undefined;
        await trainRun(db, run.runId, sink, state.signal, run.resume, trainer);
      } catch (e) {
        if (e instanceof Cancelled || state.signal.aborted) throw e;
        return (e as Error).message;
      }
      const cached = getRunSummary(db, run.runId).metrics.cachedCounts === 1;
      recordCell(db, exp.id, cell.position, { shared: (cell.method.id === 'ppmi-svd' ? state.shared.lastShared : null) ?? (cached ? 'counts from the count cache' : null) });
    }
    if (evaluate) {
      const t0 = performance.now();
      await evaluateRun(db, { runId: runId!, analogy: sets.analogy, similarity: sets.similarity, restrict: exp.spec.restrict, methods: exp.spec.analogyMethods }, sink, state.signal);
      recordCell(db, exp.id, cell.position, { evaluated: true, evalSeconds: (performance.now() - t0) / 1000 });
    }
    return null;
  } finally {
    recordCell(db, exp.id, cell.position, { peakRssMB: rss.stop() });
  }
}
