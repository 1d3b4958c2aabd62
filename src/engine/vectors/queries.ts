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

/**
 * Top-k answers to a : b :: c : ? by 3CosAdd and 3CosMul, excluding a, b and c. A query word
 * outside the vocabulary may come with its own unit vector in `unseen` (a fastText run's
 * character n-grams); it is then used as it is and named in `outOfVocabulary`.
 */
export function solveAnalogy(
  runId: number, kv: KeyedVectors, a: string, b: string, c: string, k: number, kernels: LinalgKernels, unseen: Map<string, Float32Array> = new Map(),
): AnalogyAnswer {
  const words = [a, b, c];
  const idx = words.map((w) => kv.indexOf(w));
  const missing = words.filter((w, n) => idx[n] === undefined && !unseen.has(w));
  if (missing.length) return { runId, add: null, mul: null, missing };
  const outOfVocabulary = [...new Set(words.filter((_, n) => idx[n] === undefined))];
  const d = kv.dim;
  const Q = new Float32Array(3 * d);
  words.forEach((w, n) => Q.set(idx[n] === undefined ? unseen.get(w)! : kv.unit.subarray(idx[n]! * d, (idx[n]! + 1) * d), n * d));
  const R = kv.size;
  const S = new Float32Array(R * 3);
  kernels.dotRows(kv.unit, d, 0, R, Q, 3, S);
  const cos = (x: number, col: number): number => S[x * 3 + col];
  const qq = (m: number, n: number): number => {
    let t = 0;
    for (let j = 0; j < d; j++) t += Q[m * d + j] * Q[n * d + j];
    return t;
  };
  // ‖b̂ − â + ĉ‖ from the query vectors' cosines: the answers' cosine to the offset point.
  const tnorm = Math.sqrt(Math.max(1e-12, 3 + 2 * qq(1, 2) - 2 * qq(0, 1) - 2 * qq(0, 2)));
  const offsetCosine = (x: number): number => (cos(x, 1) - cos(x, 0) + cos(x, 2)) / tnorm;
  const skip = new Set(idx.filter((i): i is number => i !== undefined));
  const top = (score: (x: number) => number): (NeighborItem & { score: number })[] => {
    const best: { x: number; s: number }[] = [];
    for (let x = 0; x < R; x++) {
      if (skip.has(x)) continue;
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
    ...(outOfVocabulary.length ? { outOfVocabulary } : {}),
    add: top((x) => cos(x, 1) - cos(x, 0) + cos(x, 2)),
    mul: top((x) => (((cos(x, 1) + 1) / 2) * ((cos(x, 2) + 1) / 2)) / ((cos(x, 0) + 1) / 2 + 0.001)),
  };
}
