/**
 * How well trained vectors recover a RAND-WALK corpus's true vectors. All three
 * measures ignore what no method can know: an orthogonal change of basis, a global
 * scale, and the norms that methods rescale differently.
 *  - alignedCosine: the mean cosine between true and trained vectors over the
 *    shared words, after the orthogonal Procrustes map of the unit-normalised
 *    trained rows onto the unit-normalised true rows (which is the map that
 *    maximises exactly this sum of cosines). When the dimensions differ, the
 *    smaller side is padded with zeros, so extra trained dimensions cost cosine.
 *  - gramCorrelation: Pearson correlation of ⟨v_w, v_w'⟩ estimated against true,
 *    over the pairs w < w' of the topN most frequent shared words.
 *  - analogy: 3CosAdd on the planted analogies (a:b :: a':?, b' expected) over the
 *    whole trained vocabulary, excluding the three query words; with the same
 *    measure on the true vectors as the ceiling (3CosAdd normalises, so the truth
 *    need not score 1 when pairs are noisy).
 */
import { applyRotation, procrustes } from '../eval/procrustes.js';
import { linalgKernels } from '../kernels/registry.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import type { PlantedRelation } from './generator.js';
import type { RecoveryInfo } from '../../shared/contract.js';

export interface VectorSet {
  words: string[];
  dim: number;
  /** words.length × dim, row-major. */
  W: Float32Array;
}

export interface RecoveryOptions {
  /** Words (most frequent first) whose pairs enter the Gram correlation. */
  gramWords: number;
  /** Words the alignment uses (0: every shared word). */
  alignWords: number;
  kernels: LinalgKernels;
}

export type AnalogyScore = Omit<RecoveryInfo['analogy'], 'truthAccuracy'>;

/** Declared once in the contract, which carries it to the UI. */
export type RecoveryReport = RecoveryInfo;

function unitRows(W: Float32Array, n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < dim; t++) s += W[i * dim + t] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < dim; t++) out[i * dim + t] = W[i * dim + t] * inv;
  }
  return out;
}

/** Pairs (truth row, trained row) of the words both sets have, in truth order (most frequent first). */
export function sharedRows(truth: VectorSet, trained: VectorSet): [number, number][] {
  const index = new Map<string, number>();
  trained.words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  const out: [number, number][] = [];
  truth.words.forEach((w, i) => {
    const j = index.get(w);
    if (j !== undefined) out.push([i, j]);
  });
  return out;
}

/** Mean cosine after the best orthogonal map of the (unit) trained rows onto the (unit) true rows. */
export function alignedCosine(truth: VectorSet, trained: VectorSet, rows: [number, number][]): number {
  const n = rows.length;
  if (n === 0) return NaN;
  const D = Math.max(truth.dim, trained.dim);
  const A = new Float64Array(n * D);
  const B = new Float64Array(n * D);
  const fill = (dst: Float64Array, src: VectorSet, r: number, k: number): void => {
    let s = 0;
    for (let t = 0; t < src.dim; t++) s += src.W[r * src.dim + t] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < src.dim; t++) dst[k * D + t] = src.W[r * src.dim + t] * inv;
  };
  rows.forEach(([i, j], k) => {
    fill(A, truth, i, k);
    fill(B, trained, j, k);
  });
  const R = procrustes(A, B, n, D);
  const BR = applyRotation(B, R, n, D);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    let dot = 0;
    let nb = 0;
    let na = 0;
    for (let t = 0; t < D; t++) {
      dot += BR[k * D + t] * A[k * D + t];
      nb += BR[k * D + t] ** 2;
      na += A[k * D + t] ** 2;
    }
    sum += nb > 0 && na > 0 ? dot / Math.sqrt(nb * na) : 0;
  }
  return sum / n;
}

/** Pearson correlation of the inner products over pairs k < l of the given rows. */
export function gramCorrelation(truth: VectorSet, trained: VectorSet, rows: [number, number][]): { pairs: number; correlation: number } {
  const dot = (s: VectorSet, a: number, b: number): number => {
    let x = 0;
    for (let t = 0; t < s.dim; t++) x += s.W[a * s.dim + t] * s.W[b * s.dim + t];
    return x;
  };
  let n = 0;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  // Welford-style running moments (no arrays for up to millions of pairs).
  for (let k = 0; k < rows.length; k++) {
    for (let l = k + 1; l < rows.length; l++) {
      const x = dot(truth, rows[k][0], rows[l][0]);
      const y = dot(trained, rows[k][1], rows[l][1]);
      n++;
      const dx = x - mx;
      const dy = y - my;
      mx += dx / n;
      my += dy / n;
      sxx += dx * (x - mx);
      syy += dy * (y - my);
      sxy += dx * (y - my);
    }
  }
  return { pairs: n, correlation: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN };
}

/** 3CosAdd on the planted analogies: for pairs (a, b), (a', b') of one relation, is b' the nearest word to b̂ − â + â'? */
export function plantedAnalogies(set: VectorSet, planted: PlantedRelation[], kernels: LinalgKernels = linalgKernels()): AnalogyScore {
  const V = set.words.length;
  const dim = set.dim;
  const index = new Map<string, number>();
  set.words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  const questions: [number, number, number, number][] = [];
  let total = 0;
  for (const rel of planted) {
    for (const [a, b] of rel.pairs) {
      for (const [c, expected] of rel.pairs) {
        if (a === c) continue;
        total++;
        const q = [index.get(a), index.get(b), index.get(c), index.get(expected)];
        if (q.every((x) => x !== undefined)) questions.push(q as [number, number, number, number]);
      }
    }
  }
  const U = unitRows(set.W, V, dim);
  const batch = 256;
  const Q = new Float32Array(batch * dim);
  const out = new Float32Array(V * batch);
  let correct = 0;
  for (let q0 = 0; q0 < questions.length; q0 += batch) {
    const m = Math.min(batch, questions.length - q0);
    for (let q = 0; q < m; q++) {
      const [a, b, c] = questions[q0 + q];
      for (let t = 0; t < dim; t++) Q[q * dim + t] = U[b * dim + t] - U[a * dim + t] + U[c * dim + t];
    }
    kernels.dotRows(U, dim, 0, V, Q, m, out);
    for (let q = 0; q < m; q++) {
      const [a, b, c, expected] = questions[q0 + q];
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < V; i++) {
        if (i === a || i === b || i === c) continue;
        const s = out[i * m + q];
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      if (best === expected) correct++;
    }
  }
  return {
    relations: planted.length,
    questions: total,
    answered: questions.length,
    correct,
    accuracy: questions.length ? correct / questions.length : null,
    chance: V > 3 ? 1 / (V - 3) : 1,
  };
}

export function recovery(trained: VectorSet, truth: VectorSet & { planted: PlantedRelation[] }, options: Partial<RecoveryOptions> = {}): RecoveryReport {
  const o: RecoveryOptions = { gramWords: 300, alignWords: 0, kernels: linalgKernels(), ...options };
  const rows = sharedRows(truth, trained);
  const alignRows = o.alignWords > 0 ? rows.slice(0, o.alignWords) : rows;
  const gramRows = rows.slice(0, o.gramWords);
  const gram = gramCorrelation(truth, trained, gramRows);
  const analogy = plantedAnalogies(trained, truth.planted, o.kernels);
  const ceiling = truth.planted.length ? plantedAnalogies(truth, truth.planted, o.kernels).accuracy : null;
  return {
    sharedWords: rows.length,
    alignedWords: alignRows.length,
    alignedCosine: alignedCosine(truth, trained, alignRows),
    gramWords: gramRows.length,
    gramPairs: gram.pairs,
    gramCorrelation: gram.correlation,
    analogy: { ...analogy, truthAccuracy: ceiling },
  };
}
