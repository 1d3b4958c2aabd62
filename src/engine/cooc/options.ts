/** The knobs that decide a co-occurrence table; together they are its cache key. */
export type WindowWeighting = 'uniform' | 'dynamic' | 'harmonic';

export interface CoocOptions {
  /** Words seen fewer times are dropped before windowing (as word2vec does). */
  minCount: number;
  /** Keep at most this many of the most frequent words (0: no cap). */
  maxVocab: number;
  /** Symmetric window: up to `window` words on each side. */
  window: number;
  /**
   * uniform: every pair in the window counts 1;
   * dynamic: a pair at distance d counts (L − d + 1)/L, the expected weight when
   *   word2vec samples the window size uniformly in 1..L;
   * harmonic: 1/d, as GloVe.
   */
  weighting: WindowWeighting;
  /** word2vec-style subsampling threshold t (0: off), applied before windowing. */
  subsample: number;
  seed: number;
}

export function coocKey(o: CoocOptions): string {
  return JSON.stringify([o.minCount, o.maxVocab, o.window, o.weighting, o.subsample, o.subsample > 0 ? o.seed : 0]);
}

/** Weight of a pair at distance d (1..window). */
export function pairWeights(o: Pick<CoocOptions, 'window' | 'weighting'>): Float64Array {
  const w = new Float64Array(o.window + 1);
  for (let d = 1; d <= o.window; d++) {
    w[d] = o.weighting === 'uniform' ? 1 : o.weighting === 'harmonic' ? 1 / d : (o.window - d + 1) / o.window;
  }
  return w;
}
