/** RAND-WALK: the generator's reports (its parameters are declared once, in ../randwalkOptions.ts). */
import type { RandWalkParams } from '../randwalkOptions.js';

export type RandWalkParamsInfo = RandWalkParams;

export interface LinearFitInfo {
  slope: number;
  intercept: number;
  r2: number;
  /** Pearson correlation of x and y. */
  correlation: number;
  count: number;
}

export interface RandWalkTheory {
  tokens: number;
  /** Words that occurred (the corpus vocabulary). */
  words: number;
  dim: number;
  /** log p(w) against ‖v_w‖²/2d; the law predicts slope ≈ 1 and intercept ≈ −logZ. */
  frequency: LinearFitInfo & {
    /** log of the mean of Z_c over the sampled discourse vectors. */
    logZ: number;
    /** (‖v_w‖²/2d, log p(w)), at most maxPoints of them. */
    points: [number, number][];
    line: [[number, number], [number, number]];
  };
  /** PMI against ⟨v_w, v_w'⟩/d: over co-occurring pairs of the top words, and over the most co-occurring pairs. */
  pmi: {
    window: number;
    weighting: 'uniform';
    /** Every co-occurring pair (w ≠ w') among the topWords most frequent words. */
    topWords: LinearFitInfo & { words: number };
    /** The topPairs pairs (w ≠ w') with the largest counts. */
    topPairs: LinearFitInfo & { pairs: number };
    /** (⟨v_w, v_w'⟩/d, PMI) for pairs of the topWords set, at most maxPoints. */
    points: [number, number][];
    line: [[number, number], [number, number]];
  };
  /** Z_c over random discourse vectors. */
  partition: {
    samples: number;
    mean: number;
    std: number;
    /** std/mean: small when Z_c concentrates. */
    cv: number;
    min: number;
    max: number;
    bins: { lo: number; hi: number; count: number }[];
  };
}

export interface RandWalkInfo {
  corpusId: number;
  params: RandWalkParamsInfo;
  theory: RandWalkTheory;
  stats: GenerationStatsInfo;
}

export interface RecoveryInfo {
  sharedWords: number;
  alignedWords: number;
  alignedCosine: number;
  gramWords: number;
  gramPairs: number;
  gramCorrelation: number;
  analogy: {
    relations: number;
    questions: number;
    /** Questions whose four words are all in the vocabulary. */
    answered: number;
    correct: number;
    /** correct / answered; null when no question could be asked. */
    accuracy: number | null;
    /** 1/(V − 3): a uniform guess among the allowed answers. */
    chance: number;
    /** The truth's own score on the same questions (null without planted analogies). */
    truthAccuracy: number | null;
  };
}

/** The relations planted in a RAND-WALK corpus: each a name (r1, r2, …) and its word pairs (a, b), v_b = v_a + r + ε. */
export interface PlantedRelationsInfo {
  corpusId: number;
  relations: { name: string; pairs: [string, string][] }[];
}

/** The figures the CLI prints and a generation job returns (no plot data). */
export interface TheorySummary {
  frequency: { slope: number; intercept: number; r2: number; logZ: number };
  pmi: { window: number; topWords: { words: number; pairs: number; correlation: number; slope: number }; topPairs: { pairs: number; correlation: number; slope: number } };
  partition: { samples: number; mean: number; cv: number };
}

/** How a RAND-WALK corpus was generated. */
export interface GenerationStatsInfo {
  seconds: number;
  tokensPerSecond: number;
  /** Share of envelope draws kept by the rejection step. */
  acceptance: number;
  threads: number;
  documents: number;
}
