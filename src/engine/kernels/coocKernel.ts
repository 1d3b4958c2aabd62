/**
 * The co-occurrence hot loops. Pairs are counted once, as (a, b) with a ≤ b.
 * Rows a < denseRows go to a dense table (frequent words: most of the mass);
 * the rest are appended as packed keys ((a·V + b)·32 + d) to a buffer that the
 * caller sorts and reduces when it fills. Flat arrays and numbers only. This is the
 * JS reference; native/cooc.c is the native kernel; registry.ts chooses. For ids below
 * the vocabulary (the only ones a stream holds) both count the same pairs into the same
 * cells and append the same keys in the same order; the native one skips a dense pair
 * past the vocabulary rather than write into the next row.
 */
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';

export const DISTANCE_SLOTS = 32; // windows up to 31

export interface CountScratch {
  dense: Float64Array; // denseRows × vocab (float64: sums of fractional weights reach millions)
  denseRows: number;
  vocab: number;
  sparse: Float64Array;
  sparseFill: number;
}

/**
 * Counts pairs whose first position lies in [from, to) of a segment ending at
 * segEnd. Returns the position it stopped at: `to`, or earlier if the sparse
 * buffer filled up (the caller flushes it and calls again from there).
 */
export function countRange(
  ids: Uint32Array, from: number, to: number, segEnd: number, window: number, weights: Float64Array, s: CountScratch,
): number {
  const dense = s.dense;
  const denseRows = s.denseRows;
  const V = s.vocab;
  const sparse = s.sparse;
  const cap = sparse.length - window;
  let fill = s.sparseFill;
  let p = from;
  for (; p < to; p++) {
    if (fill > cap) break;
    const i = ids[p];
    const last = Math.min(segEnd - 1, p + window);
    for (let q = p + 1; q <= last; q++) {
      const j = ids[q];
      const d = q - p;
      let a = i;
      let b = j;
      if (j < i) {
        a = j;
        b = i;
      }
      if (a < denseRows) dense[a * V + b] += weights[d];
      else sparse[fill++] = (a * V + b) * DISTANCE_SLOTS + d;
    }
  }
  s.sparseFill = fill;
  return p;
}

/**
 * Sorts the packed keys in place and reduces them to (pair, weight) with pair = a·V + b.
 * Returns the number of distinct pairs written to the front of `pairs`/`values`.
 */
export function reduceSparse(keys: Float64Array, weights: Float64Array, pairs: Float64Array, values: Float32Array): number {
  keys.sort();
  let n = 0;
  let current = -1;
  let acc = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const pair = Math.floor(key / DISTANCE_SLOTS);
    const d = key - pair * DISTANCE_SLOTS;
    if (pair !== current) {
      if (current >= 0) {
        pairs[n] = current;
        values[n++] = acc;
      }
      current = pair;
      acc = 0;
    }
    acc += weights[d];
  }
  if (current >= 0) {
    pairs[n] = current;
    values[n++] = acc;
  }
  return n;
}

export interface CoocKernel {
  name: Backend;
  /** Counts the pairs starting in [from, to) of a segment ending at segEnd into s; returns where it stopped (to, or earlier when s.sparse filled). */
  countRange(ids: Uint32Array, from: number, to: number, segEnd: number, window: number, weights: Float64Array, s: CountScratch): number;
  /** Sorts keys and reduces them into pairs and values (reduceSparse); returns how many pairs. keys is scratch afterwards. */
  reduce(keys: Float64Array, weights: Float64Array, pairs: Float64Array, values: Float32Array): number;
}

export const jsCooc: CoocKernel = { name: 'js', countRange, reduce: reduceSparse };

type CoocCount = (
  ids: Uint32Array, from: number, to: number, segEnd: number, window: number, weights: Float64Array,
  dense: Float64Array, denseRows: number, vocab: number, sparse: Float64Array, fill: Float64Array,
) => number;

/** The native kernel, or null where it was not built. */
export function nativeCooc(): CoocKernel | null {
  const fns = nativeFunctions<{ coocCount: CoocCount; coocReduce: CoocKernel['reduce'] }>(['coocCount', 'coocReduce']);
  if (!fns) return null;
  const f = fns.coocCount;
  const fill = new Float64Array(1);
  return {
    name: 'native',
    countRange(ids, from, to, segEnd, window, weights, s) {
      fill[0] = s.sparseFill;
      const p = f(ids, from, to, segEnd, window, weights, s.dense, s.denseRows, s.vocab, s.sparse, fill);
      s.sparseFill = fill[0];
      return p;
    },
    reduce: fns.coocReduce,
  };
}
