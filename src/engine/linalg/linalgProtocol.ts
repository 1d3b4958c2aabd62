/** Messages between the linear-algebra pool and its threads. Buffers are shared, never copied. */
export interface SharedCsr {
  rows: number;
  cols: number;
  rowPtr: SharedArrayBuffer;
  colIdx: SharedArrayBuffer;
  vals: SharedArrayBuffer;
}

export type LinalgOp =
  /** X32: X holds floats (the randomized SVD's blocks), else doubles. */
  | { op: 'spmm'; matrix: SharedCsr; X: SharedArrayBuffer; X32: boolean; Y: SharedArrayBuffer; width: number; from: number; to: number }
  | { op: 'gram'; Y: SharedArrayBuffer; width: number; from: number; to: number }
  | { op: 'cross'; Q: SharedArrayBuffer; Z: SharedArrayBuffer; width: number; from: number; to: number }
  | { op: 'rightMultiply'; Y: SharedArrayBuffer; width: number; S: Float64Array; outWidth: number; out: SharedArrayBuffer; from: number; to: number };

export type LinalgReply = { ok: true; G?: Float64Array } | { ok: false; message: string };
