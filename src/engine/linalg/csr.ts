/**
 * Compressed sparse rows with float32 values. Row pointers are float64 so that
 * a matrix may hold more than 2^32 entries' offsets without overflow.
 */
import { sharedFloat32, sharedFloat64, sharedUint32 } from './shared.js';

export interface Csr {
  rows: number;
  cols: number;
  rowPtr: Float64Array; // rows + 1
  colIdx: Uint32Array;
  vals: Float32Array;
}

export function nnz(m: Csr): number {
  return m.rowPtr[m.rows];
}

export function transpose(m: Csr): Csr {
  const n = nnz(m);
  const counts = sharedFloat64(m.cols + 1);
  for (let k = 0; k < n; k++) counts[m.colIdx[k] + 1]++;
  for (let c = 0; c < m.cols; c++) counts[c + 1] += counts[c];
  const rowPtr = sharedFloat64(m.cols + 1);
  rowPtr.set(counts);
  const colIdx = sharedUint32(n);
  const vals = sharedFloat32(n);
  const next = counts; // reused as insertion cursor
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) {
      const c = m.colIdx[k];
      const at = next[c]++;
      colIdx[at] = r;
      vals[at] = m.vals[k];
    }
  }
  return { rows: m.cols, cols: m.rows, rowPtr, colIdx, vals };
}

/** Dense copy (tests and small cases only). */
export function toDense(m: Csr): Float64Array[] {
  const out = Array.from({ length: m.rows }, () => new Float64Array(m.cols));
  for (let r = 0; r < m.rows; r++) for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) out[r][m.colIdx[k]] += m.vals[k];
  return out;
}
