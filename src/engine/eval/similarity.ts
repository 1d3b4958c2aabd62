/**
 * Word-similarity evaluation with gensim's evaluate_word_pairs protocol: pairs
 * with a word outside the `restrict` most frequent words are dropped and
 * counted; Spearman's ρ uses average ranks for ties (as scipy.stats.spearmanr).
 */
import type { SimilarityPair } from './datasets.js';
import { foldKey, type KeyedVectors } from '../vectors/keyedVectors.js';

export interface SimilarityResult {
  spearman: number;
  pearson: number;
  /** Pairs used, and pairs dropped for a missing word. */
  pairs: number;
  oov: number;
  oovRatio: number;
}

export function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  return ranks;
}

export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export const spearman = (x: number[], y: number[]): number => pearson(averageRanks(x), averageRanks(y));

export function evaluateSimilarity(kv: KeyedVectors, pairs: SimilarityPair[], restrict = 300000): SimilarityResult {
  const ok = kv.restrictedVocab(restrict);
  const gold: number[] = [];
  const model: number[] = [];
  let oov = 0;
  for (const p of pairs) {
    const a = ok.get(foldKey(p.a));
    const b = ok.get(foldKey(p.b));
    if (a === undefined || b === undefined) {
      oov++;
      continue;
    }
    gold.push(p.score);
    model.push(kv.cosine(a, b));
  }
  return { spearman: spearman(gold, model), pearson: pearson(gold, model), pairs: gold.length, oov, oovRatio: pairs.length ? oov / pairs.length : 0 };
}
