/**
 * The points of a projection: the N most frequent words of a run (or a chosen
 * subset of its words), as unit rows. Every projection and clustering of the same
 * (run, N) or subset uses this order, most frequent first, so that cluster labels
 * line up with projected coordinates.
 */
import { LabError } from '../../shared/labError.js';

/** Indices of the `top` most frequent words (count descending, vocabulary order on ties). */
export function topIndices(counts: ArrayLike<number>, size: number, top: number): Int32Array {
  const n = Math.min(top, size);
  const order = Int32Array.from({ length: size }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < size && sorted; i++) if ((counts[i] ?? 0) > (counts[i - 1] ?? 0)) sorted = false;
  if (!sorted) order.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a - b);
  return order.slice(0, n);
}

/**
 * The vocabulary indices of a subset of words, most frequent first (ties in
 * vocabulary order, as topIndices orders them), each once. `indexOf` answers a
 * word as the user typed it; a word it does not know is refused, by name.
 */
export function subsetIndices(words: readonly string[], indexOf: (word: string) => number | undefined, counts: ArrayLike<number>, runId: number): Int32Array {
  const found = new Set<number>();
  const unknown: string[] = [];
  for (const w of words) {
    const i = indexOf(w);
    if (i === undefined) unknown.push(w);
    else found.add(i);
  }
  if (unknown.length) {
    const shown = unknown.slice(0, 5).map((w) => JSON.stringify(w)).join(', ');
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    throw new LabError(`words: ${shown}${more} ${unknown.length === 1 ? 'is' : 'are'} not in run ${runId}'s vocabulary; list only words of the run.`, 'invalid', 'words');
  }
  return Int32Array.from(found).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a - b);
}

/** Copies the rows `indices` of a row-major matrix into one contiguous matrix, scaled to unit length. */
export function gatherUnitRows(M: Float32Array, dim: number, indices: Int32Array, normalize: boolean): Float32Array {
  const out = new Float32Array(indices.length * dim);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * dim;
    const dst = k * dim;
    let s = 0;
    for (let t = 0; t < dim; t++) s += M[src + t] * M[src + t];
    const inv = !normalize ? 1 : s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < dim; t++) out[dst + t] = M[src + t] * inv;
  }
  return out;
}

/** Yields to the event loop now and then, so a job's thread still hears "cancel" during a long loop. */
export function yielder(intervalMs = 40): () => Promise<void> | null {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return null;
    last = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
