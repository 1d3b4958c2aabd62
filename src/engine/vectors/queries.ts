/** Interactive queries on a run's vectors: neighbours and analogies (the workbench). */
import { LabError } from '../../shared/labError.js';
import type { AnalogyAnswer, NeighborItem } from '../../shared/contract.js';
import type { KeyedVectors } from '../vectors/keyedVectors.js';
import { nearestNeighbors } from '../vectors/neighbors.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';

export function neighborsOf(kv: KeyedVectors, word: string, k: number, kernels: LinalgKernels): NeighborItem[] {
  const i = kv.indexOf(word);
  if (i === undefined) throw new LabError(`"${word}" is not in this run's vocabulary.`, 'not-found');
  return nearestNeighbors(kv, [i], k, kernels)[0].map(({ word: w, cosine }) => ({ word: w, cosine }));
}

/** Top-k answers to a : b :: c : ? by 3CosAdd and 3CosMul, excluding a, b and c. */
export function solveAnalogy(runId: number, kv: KeyedVectors, a: string, b: string, c: string, k: number, kernels: LinalgKernels): AnalogyAnswer {
  const words = [a, b, c];
  const idx = words.map((w) => kv.indexOf(w));
  const missing = words.filter((_, n) => idx[n] === undefined);
  if (missing.length) return { runId, add: null, mul: null, missing };
  const [ia, ib, ic] = idx as number[];
  const R = kv.size;
  const S = new Float32Array(R * 3);
  kernels.dotRows(kv.unit, kv.dim, 0, R, kv.gather([ia, ib, ic]), 3, S);
  const cos = (x: number, col: number): number => S[x * 3 + col];
  // ‖b̂ − â + ĉ‖ from the unit vectors' cosines: the answers' cosine to the offset point.
  const tnorm = Math.sqrt(Math.max(1e-12, 3 + 2 * kv.cosine(ib, ic) - 2 * kv.cosine(ia, ib) - 2 * kv.cosine(ia, ic)));
  const offsetCosine = (x: number): number => (cos(x, 1) - cos(x, 0) + cos(x, 2)) / tnorm;
  const top = (score: (x: number) => number): (NeighborItem & { score: number })[] => {
    const best: { x: number; s: number }[] = [];
    for (let x = 0; x < R; x++) {
      if (x === ia || x === ib || x === ic) continue;
      const s = score(x);
      if (best.length === k && s <= best[k - 1].s) continue;
      best.push({ x, s });
      best.sort((p, q) => q.s - p.s);
      if (best.length > k) best.pop();
    }
    return best.map(({ x, s }) => ({ word: kv.words[x], cosine: offsetCosine(x), score: s }));
  };
  return {
    runId,
    missing: [],
    add: top((x) => cos(x, 1) - cos(x, 0) + cos(x, 2)),
    mul: top((x) => (((cos(x, 1) + 1) / 2) * ((cos(x, 2) + 1) / 2)) / ((cos(x, 0) + 1) / 2 + 0.001)),
  };
}
