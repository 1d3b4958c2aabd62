/**
 * gensim's KeyedVectors queries on a run's vectors, with gensim 4's semantics (learned from
 * gensim/models/keyedvectors.py, written anew): the scores agree with gensim's to float32
 * rounding (test/unit/vectors/gensimQueries.test.ts compares them on one run).
 *
 *  - most_similar: the mean of the words' unit vectors, weighted +1 (positive) and −1 (negative)
 *    and divided by the total weight, scaled to unit length; every word's cosine with it; the
 *    query words left out. restrict_vocab: only the most frequent words are searched.
 *  - most_similar_cosmul (3CosMul, Levy & Goldberg 2014): Π_pos (1 + cos)/2 / (Π_neg (1 + cos)/2 + 1e-6),
 *    over the whole vocabulary (gensim has no restrict_vocab there).
 *  - doesnt_match: the unit mean of the known words' unit vectors; the word least like it.
 *  - similarity: the cosine of two words; n_similarity: the cosine of the means of two lists' raw vectors.
 */
import { LabError } from '../../shared/labError.js';
import type { ScoredWord } from '../../shared/contract.js';
import type { KeyedVectors } from './keyedVectors.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';

function indicesOf(kv: KeyedVectors, words: string[]): number[] {
  const missing = words.filter((w) => kv.indexOf(w) === undefined);
  if (missing.length) throw new LabError(`Not in this run's vocabulary: ${missing.map((w) => `"${w}"`).join(', ')}.`, 'not-found', 'words');
  return words.map((w) => kv.indexOf(w)!);
}

/** Σ weight·row / Σ|weight| over the given rows (unit rows, or raw rows when `raw`), in float32 as gensim. */
function meanOf(kv: KeyedVectors, rows: number[], weights: number[], raw = false): Float32Array {
  const d = kv.dim;
  const mean = new Float32Array(d);
  let total = 0;
  rows.forEach((r, k) => {
    const scale = raw ? kv.norms[r] : 1;
    for (let t = 0; t < d; t++) mean[t] += weights[k] * Math.fround(kv.unit[r * d + t] * scale);
    total += Math.abs(weights[k]);
  });
  if (total > 0) for (let t = 0; t < d; t++) mean[t] /= total;
  return mean;
}

function unitOf(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return n > 0 ? v.map((x) => x / n) : v;
}

/** The `topn` best of n scores, skipping `exclude`, best first. */
function best(kv: KeyedVectors, n: number, score: (x: number) => number, topn: number, exclude: Set<number>): ScoredWord[] {
  const top: { x: number; s: number }[] = [];
  for (let x = 0; x < n; x++) {
    if (exclude.has(x)) continue;
    const s = score(x);
    if (top.length === topn && s <= top[topn - 1].s) continue;
    let p = top.length === topn ? topn - 1 : top.length;
    while (p > 0 && top[p - 1].s < s) p--;
    top.splice(p, 0, { x, s });
    if (top.length > topn) top.pop();
  }
  return top.map(({ x, s }) => ({ word: kv.words[x], score: s }));
}

/** Cosines of every word (of the first `limit`) with each query vector (unit rows): S[x · q + j]. */
function cosines(kv: KeyedVectors, queries: Float32Array, q: number, kernels: LinalgKernels, limit = kv.size): Float32Array {
  const S = new Float32Array(limit * q);
  kernels.dotRows(kv.unit, kv.dim, 0, limit, queries, q, S);
  return S;
}

export function mostSimilar(kv: KeyedVectors, positive: string[], negative: string[], topn: number, kernels: LinalgKernels, restrict?: number): ScoredWord[] {
  if (positive.length + negative.length === 0) throw new LabError('most_similar needs at least one word (positive or negative).', 'invalid', 'positive');
  const rows = indicesOf(kv, [...positive, ...negative]);
  const mean = unitOf(meanOf(kv, rows, [...positive.map(() => 1), ...negative.map(() => -1)]));
  const limit = Math.min(kv.size, restrict ?? kv.size);
  const S = cosines(kv, mean, 1, kernels, limit);
  return best(kv, limit, (x) => S[x], topn, new Set(rows));
}

export function mostSimilarCosmul(kv: KeyedVectors, positive: string[], negative: string[], topn: number, kernels: LinalgKernels): ScoredWord[] {
  if (positive.length === 0) throw new LabError('3CosMul needs at least one positive word.', 'invalid', 'positive');
  const rows = indicesOf(kv, [...positive, ...negative]);
  const q = rows.length;
  const S = cosines(kv, kv.gather(rows), q, kernels);
  const score = (x: number): number => {
    let pos = 1;
    let neg = 1;
    for (let j = 0; j < q; j++) {
      const shifted = (1 + S[x * q + j]) / 2;
      if (j < positive.length) pos *= shifted;
      else neg *= shifted;
    }
    return pos / (neg + 1e-6);
  };
  return best(kv, kv.size, score, topn, new Set(rows));
}

export function doesntMatch(kv: KeyedVectors, words: string[]): { word: string; ranking: ScoredWord[]; ignored: string[] } {
  const known = words.filter((w) => kv.indexOf(w) !== undefined);
  const ignored = words.filter((w) => kv.indexOf(w) === undefined);
  if (known.length === 0) throw new LabError(`None of ${words.map((w) => `"${w}"`).join(', ')} is in this run's vocabulary.`, 'not-found', 'words');
  const rows = known.map((w) => kv.indexOf(w)!);
  const mean = unitOf(meanOf(kv, rows, rows.map(() => 1)));
  const score = (r: number): number => {
    let s = 0;
    for (let t = 0; t < kv.dim; t++) s += kv.unit[r * kv.dim + t] * mean[t];
    return s;
  };
  // gensim sorts (score, word) pairs, highest first: ties go to the later word in string order.
  const ranking = known.map((w, k) => ({ word: w, score: score(rows[k]) }))
    .sort((a, b) => b.score - a.score || (a.word < b.word ? 1 : a.word > b.word ? -1 : 0));
  return { word: ranking[ranking.length - 1].word, ranking, ignored };
}

export function similarity(kv: KeyedVectors, a: string, b: string): number {
  const [i, j] = indicesOf(kv, [a, b]);
  return kv.cosine(i, j);
}

export function nSimilarity(kv: KeyedVectors, ws1: string[], ws2: string[]): { similarity: number; ignored: string[] } {
  const ignored = [...ws1, ...ws2].filter((w) => kv.indexOf(w) === undefined);
  const mean = (ws: string[]): Float32Array => {
    const rows = ws.map((w) => kv.indexOf(w)).filter((r): r is number => r !== undefined);
    return unitOf(meanOf(kv, rows, rows.map(() => 1), true));
  };
  const a = mean(ws1);
  const b = mean(ws2);
  let s = 0;
  for (let t = 0; t < kv.dim; t++) s += a[t] * b[t];
  return { similarity: s, ignored };
}
