/**
 * Trained vectors: what every method produces and every query, evaluation, projection and
 * format works on, whatever trained them (as gensim's KeyedVectors knows nothing of its model).
 */
export interface TrainedVectors {
  words: string[];
  counts: Uint32Array;
  dim: number;
  /** Word vectors, row-major (words × dim). */
  W: Float32Array;
  /** Context vectors where the method has them. */
  C?: Float32Array;
}
