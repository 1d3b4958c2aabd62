/**
 * Runs one training run (inside a job thread): the method's train function with
 * phase timing and a log, then the vectors and the final status in one
 * transaction. A failure or a cancel marks the run and stores no vectors.
 * Resumed (run.resume), it continues from the run's last checkpoint with the same
 * parameters, its log and phase times carried on; without one it starts again.
 */
import type { Db } from '../store/db.js';
import { endRun, finishRun, getRunDetail, getRunSummary } from '../store/runs.js';
import { readCheckpoint, saveCheckpoint } from '../store/checkpoints.js';
import { methodById } from '../methods/registry.js';
import { parseParams, type TrainContext, type TrainResult } from '../methods/spec.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { returnFreedMemory } from '../kernels/heap.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection between phases returns the previous phase's big arrays
// (token streams, count tables) before the next phase allocates its own, which
// keeps the peak memory of a run near its largest phase rather than their sum.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * `trainWith` replaces the method's train function (an experiment derives a PPMI-SVD run from
 * an SVD it already has); the run is stored, logged and timed the same way.
 */
export async function trainRun(
  db: Db, runId: number, progress: ProgressSink, signal: AbortSignal, resume = false, trainWith?: (ctx: TrainContext) => Promise<TrainResult>,
): Promise<{ runId: number }> {
  const run = getRunSummary(db, runId);
  if (run.corpusId === null) throw new Error(`Run ${runId} has no corpus (it was removed).`);
  const method = methodById(run.method);
  const started = performance.now();
  // A resumed run goes on with the times and the log of its earlier attempts.
  const phases: Record<string, number> = resume ? { ...run.phases } : {};
  const before = Object.values(phases).reduce((a, b) => a + b, 0);
  const earlierLog = resume ? getRunDetail(db, runId).log : '';
  const lines: string[] = earlierLog ? earlierLog.split('\n') : [];
  const log = (line: string): void => {
    lines.push(`[${((performance.now() - started) / 1000).toFixed(2)} s] ${line}`);
  };
  const resumed = resume && method.checkpoints ? readCheckpoint(db, runId) : null;
  if (resume) log(resumed ? `resumed from the checkpoint of ${resumed.savedAt} (${resumed.progress})` : 'resumed: there was no checkpoint, so training starts again from the beginning');
  const ctx: TrainContext = {
    db, corpusId: run.corpusId, params: parseParams(method, run.params), // stored parameters, checked again (and new options' defaults filled in)
    progress, signal, log,
    checkpoint: {
      resumed,
      save(where, state, arrays) {
        if (signal.aborted) return; // a cancel keeps the last whole checkpoint
        saveCheckpoint(db, runId, where, state, arrays);
        log(`checkpoint: ${where}`);
      },
    },
    async phase(name, work) {
      if (signal.aborted) throw new Cancelled();
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        collectGarbage();
        returnFreedMemory();
        phases[name] = (phases[name] ?? 0) + (performance.now() - t0) / 1000;
        log(`${name}: ${((performance.now() - t0) / 1000).toFixed(2)} s, process memory ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
      }
    },
  };
  if (!resume) log(`${method.label} on corpus ${run.corpusId} with ${JSON.stringify(run.params)}`);
  try {
    const result = await (trainWith ?? method.train)(ctx);
    if (signal.aborted) throw new Cancelled();
    checkFinite(result.vectors.W, method.label);
    progress.phase('saving', 0, 'steps');
    const seconds = before + (performance.now() - started) / 1000;
    log(`done in ${seconds.toFixed(2)} s`);
    const t0 = performance.now();
    collectGarbage(); // the training stream is garbage now: return it before SQLite copies the vectors
    returnFreedMemory();
    finishRun(db, runId, { ...result, phases: { ...phases, saving: 0 }, seconds, log: lines.join('\n') });
    // The save's own time is known only after it; record it without rewriting the vectors.
    phases.saving = (performance.now() - t0) / 1000;
    db.prepare('UPDATE runs SET phases = ?, seconds = ? WHERE id = ?').run(JSON.stringify(phases), before + (performance.now() - started) / 1000, runId);
    return { runId };
  } catch (e) {
    const cancelled = e instanceof Cancelled || signal.aborted || (e as Error).name === 'Cancelled';
    log(cancelled ? 'cancelled' : `failed: ${(e as Error).message}`);
    endRun(db, runId, cancelled ? 'cancelled' : 'failed', cancelled ? null : (e as Error).message, lines.join('\n'), phases);
    throw cancelled ? new Cancelled() : e;
  }
}

function checkFinite(W: Float32Array, label: string): void {
  for (let i = 0; i < W.length; i++) {
    if (!Number.isFinite(W[i])) throw new Error(`${label} produced a non-finite value at entry ${i}; nothing was stored.`);
  }
}
