/** Shared set-up for the RAND-WALK tests: a lab file with the ground-truth table, a train context, a χ² bound. */
import { join } from 'node:path';
import { openDb, type Db } from '../../../src/engine/store/db.js';
import { noProgress } from '../../../src/engine/base/progress.js';
import { NO_CHECKPOINTS, type Params, type TrainContext } from '../../../src/engine/methods/spec.js';

/** A lab file at the newest schema (which has randwalk_truth). */
export function openTruthDb(dir: string): Db {
  return openDb(join(dir, 'lab.db'));
}

export function trainContext(db: Db, corpusId: number, params: Params, signal = new AbortController().signal): TrainContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    db, corpusId, params, progress: noProgress, signal, lines,
    log: (line) => lines.push(line),
    phase: async (_name, work) => work(),
    checkpoint: NO_CHECKPOINTS,
  };
}

/** The upper 1 − 10⁻³ quantile of χ² with df degrees of freedom (Wilson–Hilferty; within 1% for df ≥ 10). */
export function chiSquare999(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Pearson's χ² and its degrees of freedom; cells expected fewer than 5 times are pooled into one. */
export function chiSquare(observed: ArrayLike<number>, probabilities: ArrayLike<number>, total: number): { x2: number; df: number } {
  let x2 = 0;
  let cells = 0;
  let poolO = 0;
  let poolE = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const e = probabilities[i] * total;
    if (e < 5) {
      poolO += observed[i];
      poolE += e;
      continue;
    }
    x2 += (observed[i] - e) ** 2 / e;
    cells++;
  }
  if (poolE > 0) {
    x2 += (poolO - poolE) ** 2 / Math.max(poolE, 1e-300);
    cells++;
  }
  return { x2, df: cells - 1 };
}
