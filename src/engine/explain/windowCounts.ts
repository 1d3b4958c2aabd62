/**
 * Co-occurrence counts of single words and pairs, straight from a training stream, with exactly the
 * counter's semantics (kernels/coocKernel.ts): a pair of positions i < j in one segment with j − i ≤ L
 * adds weight(j − i) to the symmetric matrix X, at (a, b) and (b, a) for two different words and 2×
 * at (a, a) for the same word; #(w) = Σ_c X_wc and |D| = Σ_w #(w). No table of all pairs is built:
 * a pair's count is one pass over the stream, a word's row one pass over its positions.
 */
import type { TrainingStream } from '../corpus/trainingStream.js';

export interface Window {
  /** L: context positions on each side. */
  size: number;
  /** weights[d]: a pair at distance d (1..L). */
  weights: Float64Array;
}

/** Calls visit(start, end) for each segment of the stream. */
function forSegments(s: TrainingStream, visit: (start: number, end: number) => void): void {
  const n = s.ids.length;
  for (let g = 0; g < s.segStarts.length; g++) visit(s.segStarts[g], g + 1 < s.segStarts.length ? s.segStarts[g + 1] : n);
}

/** #(w) for every word of the vocabulary (V words) and |D|. One pass over every pair of positions. */
export function windowMarginals(s: TrainingStream, V: number, win: Window): { sums: Float64Array; total: number } {
  const sums = new Float64Array(V);
  const { ids } = s;
  forSegments(s, (start, end) => {
    for (let p = start; p < end; p++) {
      const a = ids[p];
      const last = Math.min(end - 1, p + win.size);
      for (let q = p + 1; q <= last; q++) {
        const w = win.weights[q - p];
        sums[a] += w;
        sums[ids[q]] += w;
      }
    }
  });
  let total = 0;
  for (const x of sums) total += x;
  return { sums, total };
}

/** X_wc, the pair's entry of the symmetric matrix. */
export function pairCount(s: TrainingStream, w: number, c: number, win: Window): number {
  let sum = 0;
  const { ids } = s;
  forSegments(s, (start, end) => {
    for (let p = start; p < end; p++) {
      const a = ids[p];
      if (a !== w && a !== c) continue;
      const other = a === w ? c : w;
      const last = Math.min(end - 1, p + win.size);
      for (let q = p + 1; q <= last; q++) if (ids[q] === other) sum += win.weights[q - p];
    }
  });
  return w === c ? 2 * sum : sum;
}

/** Row w of X: every word seen within the window of an occurrence of w, with its weighted count. */
export function rowCounts(s: TrainingStream, w: number, win: Window): Map<number, number> {
  const row = new Map<number, number>();
  const { ids } = s;
  forSegments(s, (start, end) => {
    for (let p = start; p < end; p++) {
      if (ids[p] !== w) continue;
      // Both sides: a pair of two w's is met from each end, which gives X_ww = 2·U_ww.
      for (let q = Math.max(start, p - win.size); q <= Math.min(end - 1, p + win.size); q++) {
        if (q === p) continue;
        const b = ids[q];
        row.set(b, (row.get(b) ?? 0) + win.weights[Math.abs(q - p)]);
      }
    }
  });
  return row;
}
