/**
 * The queries gensim users type on KeyedVectors, with gensim's semantics (gensim 4's
 * keyedvectors.py): most_similar (3CosAdd) and most_similar_cosmul (3CosMul) with several
 * positive and negative words, doesnt_match, similarity and n_similarity.
 */
export type VectorQueryKind = 'most_similar' | 'doesnt_match' | 'similarity' | 'n_similarity';

export interface ScoredWord {
  word: string;
  score: number;
}

export type VectorQueryAnswer =
  | {
    query: 'most_similar';
    runId: number;
    /** 3CosAdd: cosine with the unit mean of the words' unit vectors (negatives weighted −1); 3CosMul: Levy & Goldberg's product. */
    method: '3cosadd' | '3cosmul';
    answers: ScoredWord[];
  }
  | {
    query: 'doesnt_match';
    runId: number;
    /** The word farthest from the mean of the others' unit vectors (the last of `ranking`). */
    word: string;
    /** Every known word by its cosine with that mean, nearest first. */
    ranking: ScoredWord[];
    /** Words not in the vocabulary, left out (as gensim does, with a warning). */
    ignored: string[];
  }
  | { query: 'similarity'; runId: number; similarity: number }
  | {
    query: 'n_similarity';
    runId: number;
    /** Cosine of the means of the two lists' raw vectors. */
    similarity: number;
    /** Words not in the vocabulary, left out of their mean (as gensim does). */
    ignored: string[];
  };
