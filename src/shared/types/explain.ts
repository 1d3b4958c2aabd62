/** A word pair explained: the corpus counts the theory starts from, where the pair occurs, and what each run made of it. */
export interface PairExplanation {
  corpusId: number;
  corpusName: string;
  w: string;
  c: string;
  /** The window the counts use: the first run's (a count-based run's own options; SGNS's window with word2vec's dynamic weights). */
  window: { size: number; weighting: 'uniform' | 'dynamic' | 'harmonic'; minCount: number; maxVocab: number; subsample: number };
  /** Context-distribution smoothing α and the shift k of SPPMI_k (a PPMI run's own; SGNS: 0.75 and its negatives). */
  cds: number;
  shift: number;
  counts: {
    /** #(w) and #(c): the window marginals (row sums of the co-occurrence matrix). */
    w: number;
    c: number;
    /** #(w, c) in the window, weighted as the window says. */
    pair: number;
    /** |D|: all (weighted) pairs. */
    total: number;
    /** How often each word occurs in the corpus. */
    tokensW: number;
    tokensC: number;
  };
  /** Null where the pair never co-occurs (PMI = −∞). */
  pmi: number | null;
  ppmi: number;
  sppmi: number;
  /** Karkada et al.'s M*_wc: −2 where the pair never co-occurs. */
  mstar: number;
  /** Windows of the corpus (its tokens, every word) where both occur: `total` of them, a few `shown`, spread over the corpus. */
  contexts: { total: number; shown: { tokens: string[]; w: number; c: number }[] };
  runs: {
    runId: number;
    name: string;
    method: string;
    /** cos(w, c) of the run's word vectors; null where a word is not in the run. */
    cosine: number | null;
    /** w·c of the word vector of w and the context vector of c, where the run kept context vectors. */
    dot: number | null;
    /** Levy & Goldberg's prediction for dot at SGNS's optimum: PMI − log k (k: the run's negatives or shift). */
    predicted: number | null;
    k: number;
  }[];
  /** Where the first run's neighbours of w come from: its nearest words by cosine beside w's highest-PMI contexts. */
  neighbours: { byCosine: { word: string; cosine: number; pmi: number | null }[]; byPmi: { word: string; pmi: number; count: number }[] };
  seconds: number;
}
