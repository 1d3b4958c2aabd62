/** From a factorisation to stored vectors: eigenvalue weighting, W or W + C, row normalisation. */
import { defineOptions } from '../../shared/options.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';
import { LabError } from '../../shared/labError.js';

export const svdOptions = defineOptions([
  { key: 'eig', label: 'Eigenvalue weighting p', help: 'W = U·Σ^p: 0 ignores the singular values, 0.5 is symmetric, 1 is the plain SVD.', type: 'number', default: 0.5, min: 0, max: 1 },
  { key: 'addContexts', label: 'W + C', help: 'Add the context vectors C = V·Σ^p to the word vectors.', type: 'boolean', default: false },
  { key: 'normalize', label: 'Normalise rows', help: 'Scale every word vector to unit length before storing.', type: 'boolean', default: false },
  { key: 'oversample', label: 'SVD oversampling', help: 'Extra random directions in the randomized SVD (more: more accurate).', type: 'int', default: 10, min: 0, max: 500, advanced: true },
  { key: 'powerIterations', label: 'SVD power iterations', help: 'Passes that sharpen the randomized SVD (more: more accurate, slower; 7 as scikit-learn chooses for this rank).', type: 'int', default: 7, min: 0, max: 30, advanced: true },
]);

/** How a factorisation becomes word vectors (a subset of svdOptions' values). */
export interface FactorOptions {
  eig: number;
  addContexts: boolean;
  normalize: boolean;
}

/** Builds W = U·Σ^p (+ V·Σ^p), float32, from factors U (n × r), V (n × r) and singular values. */
export function factorsToVectors(
  U: Float64Array, Vf: Float64Array | null, S: Float64Array, n: number, r: number, p: FactorOptions, words: string[], counts: Uint32Array,
): TrainedVectors {
  const scale = Float64Array.from(S, (s) => Math.pow(Math.max(s, 0), p.eig));
  const W = new Float32Array(n * r);
  const add = p.addContexts && Vf !== null;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < r; j++) W[i * r + j] = U[i * r + j] * scale[j] + (add ? Vf![i * r + j] * scale[j] : 0);
  }
  let C: Float32Array | undefined;
  if (Vf && !add) {
    C = new Float32Array(n * r);
    for (let k = 0; k < C.length; k++) C[k] = Vf[k] * scale[k % r];
  }
  if (p.normalize) normalizeRows(W, r);
  return { words, counts, dim: r, W, C };
}

export function normalizeRows(W: Float32Array, dim: number): void {
  for (let o = 0; o < W.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += W[o + j] * W[o + j];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) W[o + j] *= inv;
  }
}

/**
 * The rank to compute: dim, refused when the matrix cannot have that many (a run asked for
 * d = 2000 on 129 words used to be stored with 129 and still named d = 2000).
 */
export function rankOf(dim: number, available: number, what: string): number {
  if (dim > available) {
    throw new LabError(`dim ${dim} is more than the ${available} ${what}, so at most ${available} dimensions exist. Lower dim, or lower min count to keep more words.`, 'invalid', 'dim');
  }
  return dim;
}
