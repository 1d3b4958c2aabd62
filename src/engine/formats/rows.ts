/**
 * What an export writes: the top N rows of W (or W + C), optionally L2-normalised, computed one row at a
 * time into a scratch row so that a large run is never copied whole.
 */
import { LabError } from '../../shared/labError.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';
import type { RowSource } from './types.js';

export interface RowOptions {
  top?: number;
  normalize?: boolean;
  contexts?: boolean;
}

export function selectRows(v: TrainedVectors, o: RowOptions = {}): RowSource {
  const { dim, W } = v;
  const total = v.words.length;
  if (o.top !== undefined && (!Number.isInteger(o.top) || o.top < 1)) throw new LabError(`top must be a positive integer, not ${o.top}.`, 'invalid');
  const n = Math.min(total, o.top ?? total);
  if (o.contexts && !v.C) throw new LabError('This run has no context vectors (C); export W alone (without contexts).', 'invalid');
  const C = o.contexts ? v.C : undefined;
  if (W.length !== total * dim || (C && C.length !== total * dim)) {
    throw new LabError(`The stored matrix does not match its vocabulary (${total} words × ${dim} dimensions).`, 'failed');
  }
  const scratch = new Float32Array(dim);
  const plain = !C && !o.normalize;
  return {
    n,
    dim,
    words: n === total ? v.words : v.words.slice(0, n),
    counts: v.counts.subarray(0, n),
    row(i: number): Float32Array {
      const off = i * dim;
      if (plain) return W.subarray(off, off + dim);
      if (C) for (let j = 0; j < dim; j++) scratch[j] = W[off + j] + C[off + j];
      else scratch.set(W.subarray(off, off + dim));
      if (o.normalize) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += scratch[j] * scratch[j];
        const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (let j = 0; j < dim; j++) scratch[j] *= inv;
      }
      return scratch;
    },
  };
}
