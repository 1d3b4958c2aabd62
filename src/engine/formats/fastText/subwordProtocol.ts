/** Messages between a fastText import and its n-gram threads (subwordPool.ts, subwordWorker.ts). */

export interface SubwordThreadInit {
  op: 'init';
  /** The vocabulary's matrix (words × dim float32), shared by every thread. */
  W: SharedArrayBuffer;
  dim: number;
  /** This thread's words [from, to) and their bucket → words index (word ids absolute). */
  from: number;
  to: number;
  bucketStart: SharedArrayBuffer;
  wordIds: SharedArrayBuffer;
  /** Every word's n-gram list bounds (words + 1 entries), for the division. */
  wordStart: SharedArrayBuffer;
  /** The row buffers the main thread fills in turn. */
  chunks: SharedArrayBuffer[];
}

export type SubwordThreadOp =
  | SubwordThreadInit
  /** Adds n-gram rows first..first + count − 1, held in chunks[chunk], to this thread's words. */
  | { op: 'add'; chunk: number; first: number; count: number }
  /** Divides this thread's rows by 1 + their number of n-grams. */
  | { op: 'divide' };

export type SubwordThreadReply = { ok: true } | { ok: false; message: string };
